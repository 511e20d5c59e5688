package io.pbxhub.billing.cdr;

import java.time.Instant;
import java.util.UUID;

/** A rated CDR as the API returns it; {@code charge} is a decimal string in {@code currency}, never a float. */
public record CdrView(String cdrUuid, UUID instanceId, String tenantId, String direction, String callerIdNumber,
        String callerIdName, String destinationNumber, String domain, Instant startTime, Instant answerTime,
        Instant endTime, long duration, long billsec, long billedSeconds, String hangupCause, String charge,
        String currency, String matchedBy, String matchedPrefix, Instant ratedAt) {

    static CdrView of(RatedCdrEntity e) {
        return new CdrView(e.cdrUuid, e.instanceId, e.tenantId, e.direction, e.callerIdNumber, e.callerIdName,
                e.destinationNumber, e.domain, e.startTime, e.answerTime, e.endTime, e.duration, e.billsec,
                e.billedSeconds, e.hangupCause, e.charge.toPlainString(), e.currency.strip(), e.matchedBy,
                e.matchedPrefix, e.ratedAt);
    }
}
