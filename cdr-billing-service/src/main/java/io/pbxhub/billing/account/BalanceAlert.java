package io.pbxhub.billing.account;

import java.util.UUID;

/** A real-time deduction took an account's balance below its threshold; published after the commit. */
public record BalanceAlert(Balances.Deduction deduction, UUID instanceId, String cdrUuid) {
}
