package io.pbxhub.billing.account;

import java.time.Instant;

/** One ledger row: the signed amount (+ credit, - debit), the balance right after it, and what caused it. */
public record MovementView(long id, String kind, String amount, String balanceAfter, String currency,
        String reference, String instanceId, String cdrUuid, Instant createdAt) {

    static MovementView of(Balances.Movement m) {
        return new MovementView(m.id(), m.kind(), m.amount().toPlainString(), m.balanceAfter().toPlainString(),
                m.currency(), m.reference(), m.instanceId() == null ? null : m.instanceId().toString(), m.cdrUuid(),
                m.createdAt());
    }
}
