package io.pbxhub.contracts;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One finished call leg as the PBX reported it, before rating. The natural key is {@code instanceId + cdrUuid} (the
 * FreeSWITCH channel UUID, which is also FusionPBX's {@code xml_cdr_uuid}); it is the Kafka key too. Times are UTC;
 * durations are whole seconds as FreeSWITCH counts them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record RawCdr(String cdrUuid, UUID instanceId, String tenantId, Source source, Leg leg, Direction direction,
        String callerIdName, String callerIdNumber, String destinationNumber, String domain, String extension,
        Instant startTime, Instant answerTime, Instant endTime, long duration, long billsec, String hangupCause,
        Integer hangupCauseQ850, String bridgeUuid, String callUuid, String coreUuid, Long eventSequence) {

    public enum Source {
        ESL,
        FUSIONPBX_DB,
        PBX3CX
    }

    public enum Leg {
        A,
        B
    }
}
