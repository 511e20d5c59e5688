package io.pbxhub.billing.cdr;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.micrometer.core.annotation.Timed;
import io.pbxhub.billing.account.BalanceAlert;
import io.pbxhub.billing.account.Balances;
import io.pbxhub.billing.rating.CallPricing;
import io.pbxhub.billing.rating.PricedCall;
import io.pbxhub.billing.rating.Rating;
import io.pbxhub.contracts.RatedCdr;
import io.pbxhub.contracts.RawCdr;
import io.pbxhub.contracts.Topics;
import io.smallrye.common.annotation.Blocking;

/**
 * Rates every {@code cdr-raw} record and stores it once. The method runs in one transaction and the connector acks
 * the record only after it returns, i.e. after the commit; the throttled commit strategy then commits offsets of
 * acked records only, so a crash before the commit redelivers the record and the idempotent insert makes that
 * harmless. A record that fails here is nacked to {@code cdr-raw.dlq} and the partition moves on.
 */
@ApplicationScoped
public class CdrIntake {

    private final CallPricing pricing;
    private final RatedCdrRepository cdrs;
    private final Balances balances;
    private final Event<CdrRated> rated;
    private final Event<BalanceAlert> alerts;

    public CdrIntake(CallPricing pricing, RatedCdrRepository cdrs, Balances balances, Event<CdrRated> rated,
            Event<BalanceAlert> alerts) {
        this.pricing = pricing;
        this.cdrs = cdrs;
        this.balances = balances;
        this.rated = rated;
        this.alerts = alerts;
    }

    @Incoming(Topics.CDR_RAW)
    @Blocking
    @Transactional
    @Timed(value = "pbxhub.billing.cdr.rating", description = "Time to rate and store one raw CDR")
    public void onRawCdr(RawCdr cdr) {
        // The deserializer has checked already; this guards records that arrive another way (a later REST import).
        RawCdrRules.requireRatable(cdr);
        PricedCall priced = pricing.price(cdr);
        if (priced.skip()) {
            // spec 001: a real-time special-rate product's non-matching CDR is not inserted at all
            return;
        }
        Rating rating = priced.rating();
        Instant ratedAt = Instant.now();
        if (cdrs.insertIfAbsent(cdr, priced, ratedAt)) {
            if (priced.realTime() && priced.accountId() != null
                    && PricedCall.SPECIAL_RATE.equals(priced.calltype())) {
                balances.deduct(priced.accountId(), rating.charge(), cdr.instanceId(), cdr.cdrUuid())
                        .filter(Balances.Deduction::crossedThreshold)
                        .ifPresent(d -> alerts.fire(new BalanceAlert(d, cdr.instanceId(), cdr.cdrUuid())));
            }
            rated.fire(new CdrRated(new RatedCdr(cdr.cdrUuid(), cdr.instanceId(), cdr.tenantId(),
                    priced.accountId() == null ? null : String.valueOf(priced.accountId()),
                    cdr.direction(), cdr.destinationNumber(), cdr.billsec(), rating.billedSeconds(),
                    rating.matchedBy().name(), rating.matchedPrefix(), rating.charge(), rating.currency(), ratedAt)));
        }
    }
}
