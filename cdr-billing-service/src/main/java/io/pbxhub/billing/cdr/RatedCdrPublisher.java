package io.pbxhub.billing.cdr;

import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.pbxhub.common.messaging.CloudEventRecords;
import io.pbxhub.contracts.RatedCdr;
import io.pbxhub.contracts.Topics;

/**
 * Sends each newly rated CDR to {@code cdr-rated}, keyed by CDR UUID, after the transaction that stored it committed:
 * a rolled-back rating is never announced. A send that fails after the commit is logged and lost; a later issue
 * replaces this with an outbox row written in the rating transaction.
 */
@ApplicationScoped
public class RatedCdrPublisher {

    static final String SOURCE = "/cdr-billing-service";

    private static final Logger LOG = Logger.getLogger(RatedCdrPublisher.class);

    private final Emitter<RatedCdr> emitter;

    public RatedCdrPublisher(@Channel(Topics.CDR_RATED) Emitter<RatedCdr> emitter) {
        this.emitter = emitter;
    }

    void publish(@Observes(during = TransactionPhase.AFTER_SUCCESS) CdrRated event) {
        RatedCdr rated = event.rated();
        // The same CDR always gets the same event id, so a consumer can drop a duplicate.
        String eventId = "rated:" + rated.instanceId() + ":" + rated.cdrUuid();
        Message<RatedCdr> message = CloudEventRecords.message(SOURCE, rated.cdrUuid(), rated, eventId)
                .withNack(failure -> {
                    LOG.errorf(failure, "could not publish rated CDR %s to %s", rated.cdrUuid(), Topics.CDR_RATED);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not publish rated CDR %s to %s", rated.cdrUuid(), Topics.CDR_RATED);
        }
    }
}
