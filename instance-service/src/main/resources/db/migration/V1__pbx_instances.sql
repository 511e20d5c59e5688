-- FusionPBX instances: one row per PBX. Secrets are stored only as AES-GCM ciphertext ("<key id>:<base64>").
create table pbx_instance (
    id                uuid primary key,
    tenant_id         varchar(64),
    name              varchar(120) not null,
    hostname          varchar(253) not null,
    pbx_type          varchar(16)  not null default 'FUSIONPBX',
    db_type           varchar(16),
    db_host           varchar(253),
    db_port           integer,
    db_name           varchar(63),
    db_username       varchar(63),
    db_password_enc   text,
    esl_host          varchar(253),
    esl_port          integer,
    esl_password_enc  text,
    version           bigint       not null default 0,
    created_at        timestamptz  not null,
    updated_at        timestamptz  not null
);

create unique index pbx_instance_name_uk on pbx_instance (lower(name));

-- Transactional outbox: a row is written in the same transaction as the change it announces and relayed to Kafka
-- afterwards, so a change is never published without being stored, nor stored without being published.
create table outbox_event (
    id          bigserial primary key,
    event_id    uuid         not null unique,
    event_type  varchar(64)  not null,
    record_key  varchar(200) not null,
    payload     text         not null,
    created_at  timestamptz  not null,
    sent_at     timestamptz
);

create index outbox_event_unsent_idx on outbox_event (id) where sent_at is null;
