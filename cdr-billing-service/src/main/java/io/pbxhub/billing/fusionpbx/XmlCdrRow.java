package io.pbxhub.billing.fusionpbx;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The columns of one {@code v_xml_cdr} row (plus the extension number it points at) that a CDR is built from. */
public record XmlCdrRow(UUID xmlCdrUuid, String domainName, String direction, String callerIdName,
        String callerIdNumber, String destinationNumber, BigDecimal startEpoch, Instant startStamp,
        BigDecimal answerEpoch, Instant answerStamp, BigDecimal endEpoch, Instant endStamp, BigDecimal duration,
        BigDecimal billsec, String hangupCause, BigDecimal hangupCauseQ850, String bridgeUuid, String leg,
        UUID originatingLegUuid, Instant insertDate, String extension) {
}
