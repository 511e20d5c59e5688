-- What went through the gateway: for audits and for tracing a request id across services.
create table access_log (
    id           bigserial primary key,
    request_id   varchar(128) not null,
    at           timestamptz  not null,
    method       varchar(10)  not null,
    path         varchar(2000) not null,
    service      varchar(64)  not null,
    status       integer      not null,
    duration_ms  integer      not null,
    client_ip    varchar(64)
);

create index access_log_at_idx on access_log (at);
create index access_log_request_id_idx on access_log (request_id);
