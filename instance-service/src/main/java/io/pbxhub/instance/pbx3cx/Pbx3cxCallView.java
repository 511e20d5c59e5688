package io.pbxhub.instance.pbx3cx;

import java.time.Instant;

/** A 3CX call record as the API shows it. */
public record Pbx3cxCallView(long id, long pbx3cxHostId, String historyId, String callId, String fromNumber,
        String fromName, String fromType, String toNumber, String toName, String toType, String dialNumber,
        String finalNumber, String finalName, String finalType, Instant startedAt, Instant answeredAt,
        Instant endedAt, Integer duration, String direction, String status, String reasonTerminated,
        String recordingUrl, Instant createdAt, Instant updatedAt) {

    static Pbx3cxCallView of(Pbx3cxCall c) {
        return new Pbx3cxCallView(c.id, c.pbx3cxHostId, c.historyId, c.callId, c.fromNumber, c.fromName, c.fromType,
                c.toNumber, c.toName, c.toType, c.dialNumber, c.finalNumber, c.finalName, c.finalType, c.startedAt,
                c.answeredAt, c.endedAt, c.duration, c.direction, c.status, c.reasonTerminated, c.recordingUrl,
                c.createdAt, c.updatedAt);
    }
}
