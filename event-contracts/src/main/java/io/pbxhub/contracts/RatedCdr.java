package io.pbxhub.contracts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The rating result of one CDR. {@code charge} is an exact decimal in {@code currency}, written as a JSON string so no
 * consumer turns money into a float. Key: CDR UUID.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record RatedCdr(String cdrUuid, UUID instanceId, String tenantId, String accountId, Direction direction,
        String destinationNumber, long billsec, long billedSeconds, String matchedBy, String matchedPrefix,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal charge, String currency, Instant ratedAt) {
}
