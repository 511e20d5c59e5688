package io.pbxhub.contracts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A threshold crossed by a real-time account's deduction: its balance went below {@code low_balance_threshold}, or
 * its usage of the calendar month (UTC) went above {@code usage_alert_threshold}. Published once per crossing; money
 * as exact decimal strings. Key: account id.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record BillingAlert(AlertType alertType, String accountId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal threshold,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal balance,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal usage, String period,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal charge, String currency, UUID instanceId,
        String cdrUuid, Instant at) {

    public enum AlertType {
        /** The balance went from at or above the low-balance threshold to below it. */
        BALANCE_BELOW_THRESHOLD,
        /** The month's usage went from at or below the usage threshold to above it. */
        USAGE_ABOVE_THRESHOLD
    }
}
