package io.pbxhub.instance.pbx3cx;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One 3CX call record: a line of the 3CX CDR service (historyid, callid, from-no, to-no, time-start, ...). A call
 * session that was transferred or went through a queue has several records with the same call id.
 */
@Entity
@Table(name = "pbx3cx_call")
public class Pbx3cxCall extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "pbx3cx_host_id")
    public long pbx3cxHostId;

    @Column(name = "history_id")
    public String historyId;

    @Column(name = "call_id")
    public String callId;

    @Column(name = "from_number")
    public String fromNumber;

    @Column(name = "from_name")
    public String fromName;

    @Column(name = "from_type")
    public String fromType;

    @Column(name = "to_number")
    public String toNumber;

    @Column(name = "to_name")
    public String toName;

    @Column(name = "to_type")
    public String toType;

    @Column(name = "dial_number")
    public String dialNumber;

    @Column(name = "final_number")
    public String finalNumber;

    @Column(name = "final_name")
    public String finalName;

    @Column(name = "final_type")
    public String finalType;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "answered_at")
    public Instant answeredAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    /** Talk time in seconds (3CX "duration"). */
    public Integer duration;

    public String direction;

    public String status;

    @Column(name = "reason_terminated")
    public String reasonTerminated;

    @Column(name = "recording_url")
    public String recordingUrl;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
