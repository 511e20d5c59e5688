-- One row per rated call leg. (instance_id, cdr_uuid) is the natural key of a CDR: intake inserts with
-- ON CONFLICT DO NOTHING on it, so a redelivered cdr-raw record changes nothing.
CREATE TABLE rated_cdr (
    id                 bigserial PRIMARY KEY,
    instance_id        uuid NOT NULL,
    cdr_uuid           text NOT NULL,
    tenant_id          text,
    source             text,
    leg                text,
    direction          text NOT NULL CHECK (direction IN ('INBOUND', 'OUTBOUND', 'LOCAL')),
    caller_id_name     text,
    caller_id_number   text,
    destination_number text,
    domain             text,
    extension          text,
    start_time         timestamptz NOT NULL,
    answer_time        timestamptz,
    end_time           timestamptz,
    duration           bigint NOT NULL CHECK (duration >= 0),
    billsec            bigint NOT NULL CHECK (billsec >= 0),
    billed_seconds     bigint NOT NULL CHECK (billed_seconds >= 0),
    hangup_cause       text,
    hangup_cause_q850  int,
    charge             numeric(14, 6) NOT NULL,
    currency           char(3) NOT NULL,
    matched_by         text NOT NULL,
    matched_prefix     varchar(20),
    rated_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT rated_cdr_instance_cdr_key UNIQUE (instance_id, cdr_uuid)
);

CREATE INDEX rated_cdr_start_time_idx ON rated_cdr (start_time);
