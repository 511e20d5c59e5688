package io.pbxhub.billing.cdr;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Sends every newly rated CDR to {@code cdr-rated}, keyed by CDR UUID, at least once. The rating transaction wrote an
 * outbox row naming its CDRs ({@link RatedCdrOutbox}); once it has committed, its events are handed to one sending
 * thread ({@link RatedCdrSender}), so the intake goes on with its next batch while they are sent. When the broker has
 * acknowledged every event
 * of a row (acks=all), the row is deleted. A row that stays, because the service died or a send failed, is sent again
 * after {@code pbxhub.billing.cdr-rated.resend-after} from the stored CDRs. A re-sent event has the same event id, so a
 * consumer can drop the duplicate.
 */
@ApplicationScoped
public class RatedCdrPublisher {

    private static final Logger LOG = Logger.getLogger(RatedCdrPublisher.class);
    /** Batches waiting for the sending thread; beyond that the committing thread sends itself, which slows intake. */
    private static final int QUEUED_BATCHES = 4;
    private static final int STALE_ROWS_PER_RUN = 10;

    private final RatedCdrSender sender;
    private final RatedCdrOutbox outbox;
    private final Duration resendAfter;
    private final ThreadPoolExecutor sending = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUED_BATCHES), r -> new Thread(r, "cdr-rated-sender"),
            new ThreadPoolExecutor.CallerRunsPolicy());
    /** Rows whose events were all acknowledged; deleted together when the sender runs out of work. */
    private final List<Long> acknowledged = new ArrayList<>();

    public RatedCdrPublisher(RatedCdrSender sender, RatedCdrOutbox outbox, RatedCdrConfig config) {
        this.sender = sender;
        this.outbox = outbox;
        this.resendAfter = config.resendAfter();
    }

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) RatedBatch batch) {
        sending.execute(() -> {
            if (sender.sendAll(batch.events())) {
                synchronized (acknowledged) {
                    acknowledged.add(batch.outboxId());
                }
            }
            if (sending.getQueue().isEmpty()) {
                deleteAcknowledged();
            }
        });
    }

    /** Sends the outbox rows left behind; runs on a schedule, and tests call it. */
    @Scheduled(identity = "cdr-rated-resend", every = "${pbxhub.billing.cdr-rated.resend-interval}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void resendStale() {
        deleteAcknowledged();
        List<Long> sent = new ArrayList<>();
        for (RatedCdrOutbox.Pending row : outbox.lockStale(resendAfter, STALE_ROWS_PER_RUN)) {
            LOG.infof("sending the %d cdr-rated events of outbox row %d again", row.events().size(), row.id());
            if (!sender.sendAll(row.events())) {
                break;
            }
            sent.add(row.id());
        }
        outbox.delete(sent);
    }

    private void deleteAcknowledged() {
        List<Long> ids;
        synchronized (acknowledged) {
            ids = List.copyOf(acknowledged);
            acknowledged.clear();
        }
        try {
            outbox.delete(ids);
        } catch (RuntimeException e) {
            // the rows stay and are sent again later: at least once
            LOG.warnf("could not clear %d acknowledged cdr-rated outbox rows: %s", ids.size(), e.getMessage());
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        // Batches already committed get their chance to go out; what does not is sent again after a restart.
        sending.shutdown();
        sending.awaitTermination(10, TimeUnit.SECONDS);
    }
}
