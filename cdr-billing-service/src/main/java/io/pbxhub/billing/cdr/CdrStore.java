package io.pbxhub.billing.cdr;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import io.micrometer.core.annotation.Timed;
import io.pbxhub.billing.account.BalanceAlert;
import io.pbxhub.billing.account.Balances;
import io.pbxhub.billing.rating.CallPricing;
import io.pbxhub.billing.rating.PricedCall;
import io.pbxhub.billing.rating.Rating;
import io.pbxhub.contracts.RatedCdr;
import io.pbxhub.contracts.RawCdr;

/**
 * Rates raw CDRs and stores each once, whatever path they came by (Kafka, FusionPBX import, 3CX push). All CDRs of
 * one call run in one transaction with one JDBC batch insert ({@code ON CONFLICT DO NOTHING} on instance + CDR UUID);
 * real-time deductions happen only for rows that insert really wrote, all of the batch at once, in the same
 * transaction, so a CDR that arrives again (redelivery, a second path) is never deducted twice. The same transaction
 * writes the {@code cdr-rated} outbox row for the stored CDRs; their events leave after the commit
 * ({@link RatedCdrPublisher}).
 */
@ApplicationScoped
public class CdrStore {

    private final CallPricing pricing;
    private final BatchAttribution attribution;
    private final RatedCdrRepository cdrs;
    private final Balances balances;
    private final RatedCdrOutbox outbox;
    private final Event<RatedBatch> rated;
    private final Event<BalanceAlert> alerts;

    public CdrStore(CallPricing pricing, BatchAttribution attribution, RatedCdrRepository cdrs, Balances balances,
            RatedCdrOutbox outbox, Event<RatedBatch> rated, Event<BalanceAlert> alerts) {
        this.pricing = pricing;
        this.attribution = attribution;
        this.cdrs = cdrs;
        this.balances = balances;
        this.outbox = outbox;
        this.rated = rated;
        this.alerts = alerts;
    }

    /**
     * Rates and stores the CDRs, which must have passed {@link RawCdrRules}; one outcome per CDR, in order. Any failure
     * rolls back all of them.
     */
    @Transactional
    @Timed(value = "pbxhub.billing.cdr.rating", description = "Time to rate and store one batch of raw CDRs "
            + "(one transaction); pbxhub.billing.cdr.intake counts the CDRs")
    public List<IngestOutcome> storeAll(List<RawCdr> raw) {
        List<IngestOutcome> outcomes = new ArrayList<>(raw.size());
        List<RawCdr> toInsert = new ArrayList<>(raw.size());
        List<PricedCall> priced = new ArrayList<>(raw.size());
        List<Integer> positions = new ArrayList<>(raw.size());
        List<BatchAttribution.Owner> owners = attribution.owners(raw);
        // the accounts are known: a CDR of none is priced as CallPricing.price(RawCdr) prices it after finding none
        CallPricing.Batch batch = pricing.batch();
        for (int n = 0; n < raw.size(); n++) {
            RawCdr cdr = raw.get(n);
            BatchAttribution.Owner owner = owners.get(n);
            PricedCall call = owner == null
                    ? batch.price(cdr, null, null)
                    : batch.price(cdr, owner.productId(), owner.accountId());
            if (call.skip()) {
                outcomes.add(IngestOutcome.SKIPPED);
                continue;
            }
            positions.add(outcomes.size());
            outcomes.add(IngestOutcome.DUPLICATE);
            toInsert.add(cdr);
            priced.add(call);
        }
        if (toInsert.isEmpty()) {
            return outcomes;
        }
        Instant ratedAt = Instant.now();
        boolean[] written = cdrs.insertAllIfAbsent(toInsert, priced, ratedAt);
        List<Balances.Charge> charges = new ArrayList<>();
        List<RatedCdr> events = new ArrayList<>(written.length);
        for (int i = 0; i < written.length; i++) {
            if (!written[i]) {
                continue;
            }
            outcomes.set(positions.get(i), IngestOutcome.STORED);
            RawCdr cdr = toInsert.get(i);
            PricedCall call = priced.get(i);
            Rating rating = call.rating();
            if (call.realTime() && call.accountId() != null && PricedCall.SPECIAL_RATE.equals(call.calltype())) {
                charges.add(new Balances.Charge(call.accountId(), rating.charge(), cdr.instanceId(), cdr.cdrUuid()));
            }
            events.add(new RatedCdr(cdr.cdrUuid(), cdr.instanceId(), cdr.tenantId(),
                    call.accountId() == null ? null : String.valueOf(call.accountId()), cdr.direction(),
                    cdr.destinationNumber(), cdr.billsec(), rating.billedSeconds(), rating.matchedBy().name(),
                    rating.matchedPrefix(), rating.charge(), rating.currency(), ratedAt));
        }
        if (!events.isEmpty()) {
            rated.fire(new RatedBatch(outbox.add(events), events));
        }
        List<Optional<Balances.Deduction>> deductions = balances.deductAll(charges);
        for (int k = 0; k < charges.size(); k++) {
            Balances.Charge charge = charges.get(k);
            deductions.get(k).filter(Balances.Deduction::crossedThreshold).ifPresent(
                    d -> alerts.fire(new BalanceAlert(d, charge.instanceId(), charge.cdrUuid())));
        }
        return outcomes;
    }
}
