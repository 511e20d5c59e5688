-- A 3CX host is a PBX instance for the other services too: it gets a PBX Hub instance id (what billing's 3CX CDR
-- push names as host_id) and a version for its instance-events records.
alter table pbx3cx_host
    add column instance_id uuid not null default gen_random_uuid(),
    add column version bigint not null default 0,
    add constraint pbx3cx_host_instance_id_uk unique (instance_id);
