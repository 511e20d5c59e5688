-- cdr-rated events that are committed but not yet acknowledged by the broker: one row per intake transaction, naming
-- the CDRs it stored for the first time (the events are rebuilt from rated_cdr if they must be sent again). Written
-- in the same transaction as the CDRs, deleted once the broker acknowledged every event of the row; a row still here
-- after pbxhub.billing.cdr-rated.resend-after (a crash, the broker down) is sent again (RatedCdrPublisher).
CREATE TABLE cdr_rated_outbox (
    id           bigserial PRIMARY KEY,
    instance_ids uuid[] NOT NULL,
    cdr_uuids    text[] NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
