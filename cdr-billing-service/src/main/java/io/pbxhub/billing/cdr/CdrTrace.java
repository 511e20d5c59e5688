package io.pbxhub.billing.cdr;

import java.util.List;
import java.util.UUID;

/** The rating trace of a stored CDR, one line per step. CDRs rated before traces were kept have none. */
public record CdrTrace(String cdrUuid, UUID instanceId, Long accountId, String calltype, String matchedBy,
        String charge, String currency, List<String> trace) {

    static CdrTrace of(RatedCdrEntity e) {
        List<String> lines = e.ratingTrace == null ? List.of() : List.of(e.ratingTrace.split("\n"));
        return new CdrTrace(e.cdrUuid, e.instanceId, e.accountId, e.calltype, e.matchedBy, e.charge.toPlainString(),
                e.currency.strip(), lines);
    }
}
