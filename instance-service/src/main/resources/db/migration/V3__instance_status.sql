-- Last known reachability of each instance, from the status monitor (database + ESL probes) and from
-- esl-ingest-service's live ESL connection.
create table instance_status (
    instance_id      uuid primary key references pbx_instance (id) on delete cascade,
    status           varchar(20) not null,
    database_result  varchar(20),
    database_reason  varchar(500),
    esl_result       varchar(20),
    esl_reason       varchar(500),
    checked_at       timestamptz,
    esl_live         varchar(10),
    esl_live_reason  varchar(500),
    esl_live_at      timestamptz
);

-- A short history of status changes (not of every check) per instance.
create table instance_status_history (
    id               bigserial primary key,
    instance_id      uuid not null references pbx_instance (id) on delete cascade,
    status           varchar(20) not null,
    database_reason  varchar(500),
    esl_reason       varchar(500),
    changed_at       timestamptz not null
);

create index instance_status_history_idx on instance_status_history (instance_id, changed_at desc);
