package io.pbxhub.instance.outbox;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pbxhub.common.messaging.CloudEventRecords;
import io.pbxhub.contracts.EventType;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Relays outbox rows to Kafka in id order and marks them sent once the broker acknowledged them (acks=all). A crash
 * between send and mark re-sends the row: consumers are idempotent on the CloudEvents id, which stays the row's.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String SOURCE = "/instance-service";
    private static final int BATCH = 200;

    private final MutinyEmitter<String> emitter;
    private final Counter relayed;

    public OutboxRelay(@Channel("outbox") MutinyEmitter<String> emitter, MeterRegistry registry) {
        this.emitter = emitter;
        this.relayed = registry.counter("pbxhub_outbox_relayed_total");
    }

    @Scheduled(every = "${pbxhub.outbox.relay-interval:1s}", delayed = "${pbxhub.outbox.initial-delay:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relayPending() {
        try {
            while (relayBatch() == BATCH) {
                // a full batch means more may be waiting
            }
        } catch (RuntimeException e) {
            LOG.warnf("outbox relay paused: %s (rows stay pending and are retried)", e.getMessage());
        }
    }

    @Transactional
    int relayBatch() {
        List<OutboxEvent> rows = OutboxEvent.lockUnsent(BATCH);
        for (OutboxEvent row : rows) {
            EventType type = EventType.valueOf(row.eventType);
            emitter.sendMessageAndAwait(
                    CloudEventRecords.message(SOURCE, type, row.recordKey, row.payload, row.eventId.toString()));
            row.sentAt = Instant.now();
            relayed.increment();
        }
        return rows.size();
    }
}
