package io.pbxhub.esl.messaging;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pbxhub.common.messaging.CloudEventRecords;
import io.pbxhub.esl.protocol.SocketReadClock;
import io.vertx.core.Vertx;

/**
 * Sends topic records without ever dropping one silently: a record the broker does not acknowledge (nack, or an emitter
 * buffer that is full) is counted, logged and sent again later with the same CloudEvents id, so a consumer can tell a
 * re-send from a new event. After {@code maxAttempts} it is logged as an error and counted as dropped.
 * <p>
 * A re-sent record may land after later records of the same key; consumers order by the event's own time and sequence.
 */
public final class ReliableSender<T extends Record> {

    public static final String SOURCE = "/esl-ingest-service";

    private static final Logger LOG = Logger.getLogger(ReliableSender.class);

    private final String topic;
    private final Emitter<T> emitter;
    private final Vertx vertx;
    private final PublishConfig config;
    private final Counter failures;
    private final Counter dropped;
    private final PublishPressure pressure;
    private final Timer socketToAck;

    public ReliableSender(String topic, Emitter<T> emitter, Vertx vertx, PublishConfig config, MeterRegistry registry) {
        this(topic, emitter, vertx, config, registry, PublishPressure.NONE);
    }

    public ReliableSender(String topic, Emitter<T> emitter, Vertx vertx, PublishConfig config, MeterRegistry registry,
            PublishPressure pressure) {
        this.topic = topic;
        this.pressure = pressure;
        this.emitter = emitter;
        this.vertx = vertx;
        this.config = config;
        this.failures = Counter.builder("pbxhub.esl.publish.failures")
                .description("Records Kafka did not acknowledge (each is retried)")
                .tag("topic", topic)
                .register(registry);
        this.dropped = Counter.builder("pbxhub.esl.publish.dropped")
                .description("Records given up on after all attempts")
                .tag("topic", topic)
                .register(registry);
        this.socketToAck = Timer.builder("pbxhub.esl.socket.to.ack")
                .description("From the ESL bytes read off the socket to Kafka's ack of a record made from them")
                .tag("topic", topic)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(1))
                .register(registry);
    }

    public void send(String key, T payload) {
        // In flight from the first attempt until acknowledged or given up on, re-sends included.
        pressure.sent();
        send(key, payload, UUID.randomUUID().toString(), 1, EventAcks.record(), SocketReadClock.readAtNanos());
    }

    /**
     * {@code done}: tells the event's dedupe mark this record is settled; {@code readAt}: when the ESL bytes it comes
     * from were read (0: not from a socket read).
     */
    private void send(String key, T payload, String eventId, int attempt, Runnable done, long readAt) {
        Message<T> message = CloudEventRecords.message(SOURCE, key, payload, eventId)
                .withAck(() -> {
                    pressure.settled();
                    done.run();
                    if (readAt != 0) {
                        socketToAck.record(System.nanoTime() - readAt, TimeUnit.NANOSECONDS);
                    }
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(error -> {
                    failed(key, payload, eventId, attempt, error, done, readAt);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            // Serialised: connections on different event loops share this emitter.
            synchronized (this) {
                emitter.send(message);
            }
        } catch (RuntimeException e) {
            failed(key, payload, eventId, attempt, e, done, readAt);
        }
    }

    private void failed(String key, T payload, String eventId, int attempt, Throwable error, Runnable done,
            long readAt) {
        failures.increment();
        if (attempt >= config.maxAttempts()) {
            dropped.increment();
            pressure.settled();
            done.run();
            LOG.errorf(error, "giving up on %s record %s (key %s) after %d attempts", topic, eventId, key, attempt);
            return;
        }
        Duration delay = config.retryDelay().multipliedBy(attempt);
        LOG.warnf("%s record %s (key %s) not acknowledged (%s); attempt %d in %d ms", topic, eventId, key,
                error.getMessage(), attempt + 1, delay.toMillis());
        vertx.setTimer(Math.max(1, delay.toMillis()), id -> send(key, payload, eventId, attempt + 1, done, readAt));
    }
}
