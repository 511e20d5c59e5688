-- Durable replay filter: per instance, the newest event (FreeSWITCH Core-UUID + Event-Sequence) whose topic records
-- Kafka has acknowledged, along with every event before it. A connection (after a reconnect, a restart or a
-- rebalance) skips events of the same Core-UUID at or below it; a new Core-UUID means FreeSWITCH restarted and
-- numbers its events from 1 again. Written in batches (at most every pbxhub.esl.mark-flush-interval), not per event.
CREATE TABLE esl_event_mark (
    instance_id         UUID PRIMARY KEY,
    core_uuid           TEXT        NOT NULL,
    last_event_sequence BIGINT      NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
