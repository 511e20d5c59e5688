-- Every CDR that could not be parsed or rated, whatever path it came by, for the admin failures endpoint. The payload
-- is kept truncated (payload_bytes says how big it was); Kafka records are also on cdr-raw.dlq whole. A Kafka record
-- is recorded once however often it is redelivered (the unique key ignores rows without a topic).
CREATE TABLE cdr_failure (
    id            bigserial PRIMARY KEY,
    source        text NOT NULL CHECK (source IN ('KAFKA', 'FUSIONPBX', 'PBX3CX')),
    topic         text,
    kafka_partition int,
    kafka_offset  bigint,
    instance_id   uuid,
    cdr_key       text,
    reason        text NOT NULL,
    payload       text NOT NULL,
    payload_bytes int NOT NULL,
    received_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT cdr_failure_record_key UNIQUE (topic, kafka_partition, kafka_offset)
);
CREATE INDEX cdr_failure_received_idx ON cdr_failure (received_at DESC, id DESC);
