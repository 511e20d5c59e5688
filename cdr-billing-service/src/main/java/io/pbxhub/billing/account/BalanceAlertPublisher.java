package io.pbxhub.billing.account;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.pbxhub.common.messaging.CloudEventRecords;
import io.pbxhub.contracts.BillingAlert;
import io.pbxhub.contracts.Topics;

/**
 * Publishes threshold alerts on {@code billing-alerts} ({@link BillingAlert}, keyed by account id, CloudEvents type
 * {@code io.pbxhub.billing.alert.v1}) after the deduction that crossed the threshold committed. The event id is
 * derived from the alert type and the CDR that crossed the threshold (or the month, for usage), so a consumer can
 * drop a duplicate.
 */
@ApplicationScoped
public class BalanceAlertPublisher {

    public static final String TOPIC = Topics.BILLING_ALERTS;
    public static final String TYPE = "io.pbxhub.billing.alert.v1";
    private static final String SOURCE = "/cdr-billing-service";
    private static final Logger LOG = Logger.getLogger(BalanceAlertPublisher.class);

    private final Emitter<BillingAlert> emitter;
    private final Balances balances;

    public BalanceAlertPublisher(@Channel(Topics.BILLING_ALERTS) Emitter<BillingAlert> emitter, Balances balances) {
        this.emitter = emitter;
        this.balances = balances;
    }

    void publish(@Observes(during = TransactionPhase.AFTER_SUCCESS) BalanceAlert alert) {
        Balances.Deduction d = alert.deduction();
        String currency = null;
        try {
            currency = balances.currency(d.accountId());
        } catch (RuntimeException e) {
            // the account was deleted since: the alert still goes out, without its currency
        }
        send(new BillingAlert(BillingAlert.AlertType.BALANCE_BELOW_THRESHOLD, String.valueOf(d.accountId()),
                d.threshold(), d.after(), null, null, d.charge(), currency, alert.instanceId(), alert.cdrUuid(),
                Instant.now()), "alert:" + alert.instanceId() + ":" + alert.cdrUuid());
    }

    void publish(@Observes(during = TransactionPhase.AFTER_SUCCESS) UsageAlert alert) {
        // One usage alert per account and month: the crossing can only happen once in a month.
        send(new BillingAlert(BillingAlert.AlertType.USAGE_ABOVE_THRESHOLD, String.valueOf(alert.accountId()),
                alert.threshold(), alert.balance(), alert.usage(), alert.period().toString(), alert.charge(),
                alert.currency(), alert.instanceId(), alert.cdrUuid(), Instant.now()),
                "usage-alert:" + alert.accountId() + ":" + alert.period() + ":" + alert.threshold().toPlainString()
                        + (alert.cdrUuid() == null ? ":" + UUID.randomUUID() : ""));
    }

    private void send(BillingAlert alert, String eventId) {
        String key = alert.accountId();
        try {
            Message<BillingAlert> message = CloudEventRecords.message(SOURCE, key, alert, eventId)
                    .withNack(failure -> {
                        LOG.errorf(failure, "could not publish %s alert of account %s", alert.alertType(), key);
                        return CompletableFuture.completedFuture(null);
                    });
            emitter.send(message);
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not publish %s alert of account %s", alert.alertType(), key);
        }
    }
}
