-- Usage alerts: an account may set a ceiling on what it is charged per calendar month (UTC); the deduction that takes
-- the month's usage above it publishes one USAGE_ABOVE_THRESHOLD alert on billing-alerts.
ALTER TABLE account ADD COLUMN usage_alert_threshold numeric(14, 6) CHECK (usage_alert_threshold >= 0);

-- What was deducted per account and month, moved in the same transaction and under the same account row lock as the
-- balance, so "before" and "after" of a deduction are exact and a crossing is seen by exactly one deduction.
CREATE TABLE account_usage (
    account_id bigint NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    period     date NOT NULL,
    usage      numeric(14, 6) NOT NULL,
    PRIMARY KEY (account_id, period)
);
