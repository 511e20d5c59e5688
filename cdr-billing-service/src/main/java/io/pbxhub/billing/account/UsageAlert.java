package io.pbxhub.billing.account;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.UUID;

/**
 * A deduction took an account's usage of the month above its {@code usage_alert_threshold}; published after the
 * commit. {@code instanceId}/{@code cdrUuid} are null when the deduction named no CDR.
 */
public record UsageAlert(long accountId, BigDecimal charge, BigDecimal balance, BigDecimal usage,
        BigDecimal threshold, YearMonth period, String currency, UUID instanceId, String cdrUuid) {
}
