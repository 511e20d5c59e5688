package io.pbxhub.billing.fusionpbx;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.pbxhub.billing.instance.BillingInstance;
import io.pbxhub.billing.intake.RawCdrParser;
import io.pbxhub.billing.intake.RejectedCdrException;
import io.pbxhub.contracts.Direction;
import io.pbxhub.contracts.RawCdr;

/**
 * Maps a {@code v_xml_cdr} row to the {@link RawCdr} esl-ingest-service would have sent for the same leg, so both paths
 * store the same CDR under the same key: {@code xml_cdr_uuid} is the FreeSWITCH channel UUID ({@code uuid}), which is
 * esl-ingest's {@code cdrUuid}. Times come from the epoch columns (UTC seconds, 0 = never happened), else the stamps.
 */
final class XmlCdrMapper {

    private XmlCdrMapper() {
    }

    static RawCdr map(BillingInstance instance, XmlCdrRow row) {
        Direction direction = direction(row.direction());
        Instant start = time(row.startEpoch(), row.startStamp());
        Instant answer = time(row.answerEpoch(), row.answerStamp());
        Instant end = time(row.endEpoch(), row.endStamp());
        RawCdr cdr = new RawCdr(row.xmlCdrUuid().toString(), instance.id, instance.tenantId, RawCdr.Source.FUSIONPBX_DB,
                leg(row), direction, row.callerIdName(), row.callerIdNumber(), row.destinationNumber(),
                row.domainName(), row.extension(), start, answer, end, seconds(row.duration(), start, end),
                seconds(row.billsec(), answer, end), row.hangupCause(),
                row.hangupCauseQ850() == null ? null : row.hangupCauseQ850().intValue(), row.bridgeUuid(), null, null,
                null);
        return RawCdrParser.validate(cdr);
    }

    private static Direction direction(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Direction.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RejectedCdrException("direction '" + value + "' is not inbound, outbound or local");
        }
    }

    /** FusionPBX writes {@code leg} 'a' or 'b'; an originating leg other than itself also marks a B leg. */
    private static RawCdr.Leg leg(XmlCdrRow row) {
        if (row.leg() != null && !row.leg().isBlank()) {
            return "b".equalsIgnoreCase(row.leg().strip()) ? RawCdr.Leg.B : RawCdr.Leg.A;
        }
        return row.originatingLegUuid() != null && !row.originatingLegUuid().equals(row.xmlCdrUuid())
                ? RawCdr.Leg.B
                : RawCdr.Leg.A;
    }

    private static Instant time(BigDecimal epoch, Instant stamp) {
        if (epoch != null && epoch.signum() > 0) {
            return Instant.ofEpochSecond(epoch.longValue());
        }
        return stamp;
    }

    /** FreeSWITCH's own count when present, else computed from the times (0 when a time is missing). */
    private static long seconds(BigDecimal given, Instant from, Instant to) {
        if (given != null && given.signum() >= 0) {
            return given.longValue();
        }
        return from != null && to != null && to.isAfter(from) ? Duration.between(from, to).toSeconds() : 0;
    }
}
