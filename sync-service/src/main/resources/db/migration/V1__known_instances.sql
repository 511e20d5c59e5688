-- sync-service's copy of the PBX instances it can import from, fed by instance-events (never by reading
-- instance-service's database). Credentials are not here: they are fetched when a sync runs.
create table known_instance (
    id          uuid primary key,
    tenant_id   varchar(64),
    name        varchar(120) not null,
    pbx_type    varchar(16)  not null,
    db_type     varchar(16),
    db_host     varchar(253),
    db_port     integer,
    db_name     varchar(63),
    version     bigint       not null,
    deleted     boolean      not null default false,
    updated_at  timestamptz  not null
);
