package io.pbxhub.instance.pbx3cx;

import java.time.Instant;
import java.util.List;

/** A call log entry as the API shows it. */
public record Pbx3cxCallLogView(long id, long pbx3cxHostId, String callId, boolean visible, Instant startedAt,
        Instant endedAt, String fromNumber, String fromName, String toNumber, String toName, String finalNumber,
        String finalName, String direction, String status, int segmentCount, int participantCount, int duration,
        Instant refreshedAt, Instant createdAt, Instant updatedAt) {

    static Pbx3cxCallLogView of(Pbx3cxCallLog l) {
        return new Pbx3cxCallLogView(l.id, l.pbx3cxHostId, l.callId, l.visible, l.startedAt, l.endedAt, l.fromNumber,
                l.fromName, l.toNumber, l.toName, l.finalNumber, l.finalName, l.direction, l.status, l.segmentCount,
                l.participantCount, l.duration, l.refreshedAt, l.createdAt, l.updatedAt);
    }

    /** The detail view: the entry, everyone who took part, and its call records in time order. */
    public record Detail(Pbx3cxCallLogView callLog, List<CallParticipant> participants,
            List<Pbx3cxCallView> segments) {
    }
}
