package io.pbxhub.billing.intake;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A row of {@code cdr_failure}, for reading; {@link CdrFailures#record} writes them. */
@Entity
@Table(name = "cdr_failure")
public class CdrFailureEntity extends PanacheEntityBase {

    @Id
    public Long id;

    public String source;

    public String topic;

    @Column(name = "kafka_partition")
    public Integer kafkaPartition;

    @Column(name = "kafka_offset")
    public Long kafkaOffset;

    @Column(name = "instance_id")
    public UUID instanceId;

    @Column(name = "cdr_key")
    public String cdrKey;

    public String reason;

    public String payload;

    @Column(name = "payload_bytes")
    public int payloadBytes;

    @Column(name = "received_at")
    public Instant receivedAt;
}
