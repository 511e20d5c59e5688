package io.pbxhub.instance.status;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The last known reachability of one instance (see V3 migration). */
@Entity
@Table(name = "instance_status")
public class InstanceStatusRecord extends PanacheEntityBase {

    @Id
    @Column(name = "instance_id")
    public UUID instanceId;

    public String status;

    @Column(name = "database_result")
    public String databaseResult;

    @Column(name = "database_reason")
    public String databaseReason;

    @Column(name = "esl_result")
    public String eslResult;

    @Column(name = "esl_reason")
    public String eslReason;

    @Column(name = "checked_at")
    public Instant checkedAt;

    /** UP/DOWN as esl-ingest-service, which holds the live connection, last reported it. */
    @Column(name = "esl_live")
    public String eslLive;

    @Column(name = "esl_live_reason")
    public String eslLiveReason;

    @Column(name = "esl_live_at")
    public Instant eslLiveAt;
}
