package io.pbxhub.billing.account;

import java.time.Instant;
import java.util.List;

/** An account; the balance and threshold are decimal strings. */
public record AccountView(long id, String tenantId, String customerId, String name, long productId,
        List<String> extensions, List<String> numbers, String balance, String lowBalanceThreshold,
        String usageAlertThreshold, Instant createdAt) {
}
