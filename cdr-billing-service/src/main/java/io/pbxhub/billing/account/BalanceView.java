package io.pbxhub.billing.account;

/**
 * An account's prepaid balance and alert thresholds, money as decimal strings; {@code usage} is what was deducted in
 * the current calendar month (UTC), the figure the usage alert compares with {@code usage_alert_threshold}.
 */
public record BalanceView(long accountId, String balance, String currency, String lowBalanceThreshold,
        String usageAlertThreshold, String usagePeriod, String usage) {
}
