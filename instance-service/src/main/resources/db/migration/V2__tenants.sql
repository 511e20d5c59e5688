-- Tenants (customers). A tenant lives on one PBX instance at a time, as a FusionPBX domain; it can be reassigned.
create table tenant (
    id           varchar(64) primary key,
    name         varchar(120) not null,
    domain_name  varchar(253),
    instance_id  uuid references pbx_instance (id),
    created_at   timestamptz  not null,
    updated_at   timestamptz  not null
);

create index tenant_instance_idx on tenant (instance_id);
create unique index tenant_domain_per_instance_uk on tenant (instance_id, lower(domain_name));
