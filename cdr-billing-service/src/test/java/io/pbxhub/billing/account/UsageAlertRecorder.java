package io.pbxhub.billing.account;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/** Every usage alert the application raised, seen where the publisher sees it: after the deduction committed. */
@ApplicationScoped
public class UsageAlertRecorder {

    private final List<UsageAlert> alerts = new CopyOnWriteArrayList<>();

    void record(@Observes(during = TransactionPhase.AFTER_SUCCESS) UsageAlert alert) {
        alerts.add(alert);
    }

    List<UsageAlert> of(long accountId) {
        return alerts.stream().filter(a -> a.accountId() == accountId).toList();
    }
}
