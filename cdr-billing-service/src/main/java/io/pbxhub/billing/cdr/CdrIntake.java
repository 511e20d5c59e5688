package io.pbxhub.billing.cdr;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.micrometer.core.annotation.Timed;
import io.pbxhub.billing.rating.RateDecks;
import io.pbxhub.billing.rating.Rater;
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

    private final RateDecks decks;
    private final Rater rater;
    private final RatedCdrRepository cdrs;
    private final Event<CdrRated> rated;

    public CdrIntake(RateDecks decks, Rater rater, RatedCdrRepository cdrs, Event<CdrRated> rated) {
        this.decks = decks;
        this.rater = rater;
        this.cdrs = cdrs;
        this.rated = rated;
    }

    @Incoming(Topics.CDR_RAW)
    @Blocking
    @Transactional
    @Timed(value = "pbxhub.billing.cdr.rating", description = "Time to rate and store one raw CDR")
    public void onRawCdr(RawCdr cdr) {
        // The deserializer has checked already; this guards records that arrive another way (a later REST import).
        RawCdrRules.requireRatable(cdr);
        Rating rating = rater.rate(cdr, decks.forRating());
        Instant ratedAt = Instant.now();
        if (cdrs.insertIfAbsent(cdr, rating, ratedAt)) {
            rated.fire(new CdrRated(new RatedCdr(cdr.cdrUuid(), cdr.instanceId(), cdr.tenantId(), null,
                    cdr.direction(), cdr.destinationNumber(), cdr.billsec(), rating.billedSeconds(),
                    rating.matchedBy().name(), rating.matchedPrefix(), rating.charge(), rating.currency(), ratedAt)));
        }
    }
}
