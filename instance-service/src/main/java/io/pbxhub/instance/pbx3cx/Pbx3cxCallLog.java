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
 * A call log entry: one call session of a 3CX host (all call records sharing its call id), with counters and
 * endpoints computed from those records at the last refresh.
 */
@Entity
@Table(name = "pbx3cx_call_log")
public class Pbx3cxCallLog extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "pbx3cx_host_id")
    public long pbx3cxHostId;

    @Column(name = "call_id")
    public String callId;

    public boolean visible = true;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "from_number")
    public String fromNumber;

    @Column(name = "from_name")
    public String fromName;

    @Column(name = "to_number")
    public String toNumber;

    @Column(name = "to_name")
    public String toName;

    @Column(name = "final_number")
    public String finalNumber;

    @Column(name = "final_name")
    public String finalName;

    public String direction;

    public String status;

    @Column(name = "segment_count")
    public int segmentCount;

    @Column(name = "participant_count")
    public int participantCount;

    /** Talk seconds over all segments. */
    public int duration;

    @Column(name = "refreshed_at")
    public Instant refreshedAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    void apply(CallSession s, Instant now) {
        startedAt = s.startedAt();
        endedAt = s.endedAt();
        fromNumber = s.fromNumber();
        fromName = s.fromName();
        toNumber = s.toNumber();
        toName = s.toName();
        finalNumber = s.finalNumber();
        finalName = s.finalName();
        direction = s.direction();
        status = s.status();
        segmentCount = s.segmentCount();
        participantCount = s.participants().size();
        duration = s.duration();
        refreshedAt = now;
        updatedAt = now;
    }
}
