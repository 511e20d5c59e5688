package io.pbxhub.esl.messaging;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pbxhub.common.messaging.CloudEventHeaders;
import io.pbxhub.contracts.EventType;
import io.pbxhub.esl.protocol.SocketReadClock;
import io.vertx.core.Vertx;

/**
 * Sends topic records without ever dropping one silently: a record the broker does not acknowledge (an error from the
 * producer, or a send it refused) is counted, logged and sent again later with the same CloudEvents id, so a consumer
 * can tell a re-send from a new event. After {@code maxAttempts} it is logged as an error and counted as dropped.
 * <p>
 * Records are CloudEvents in Kafka's binary mode, with the {@code ce_*} headers the SmallRye Kafka connector writes:
 * the JSON value is serialized once, with a writer built once for the record type.
 * <p>
 * A re-sent record may land after later records of the same key; consumers order by the event's own time and sequence.
 */
public final class ReliableSender<T extends Record> {

    public static final String SOURCE = "/esl-ingest-service";

    private static final Logger LOG = Logger.getLogger(ReliableSender.class);

    private final String topic;
    private final CloudEventHeaders headers;
    private final ObjectWriter writer;
    private final TopicProducer producer;
    private final Vertx vertx;
    private final PublishConfig config;
    private final Counter failures;
    private final Counter dropped;
    private final PublishPressure pressure;
    private final Timer socketToAck;

    public ReliableSender(Class<T> recordType, TopicProducer producer, ObjectMapper mapper, Vertx vertx,
            PublishConfig config, MeterRegistry registry) {
        this(recordType, producer, mapper, vertx, config, registry, PublishPressure.NONE);
    }

    public ReliableSender(Class<T> recordType, TopicProducer producer, ObjectMapper mapper, Vertx vertx,
            PublishConfig config, MeterRegistry registry, PublishPressure pressure) {
        EventType eventType = EventType.of(recordType);
        this.topic = eventType.topic();
        this.headers = new CloudEventHeaders(SOURCE, eventType);
        this.writer = mapper.writerFor(recordType);
        this.producer = producer;
        this.pressure = pressure;
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
        byte[] value;
        try {
            value = writer.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            // a record type that cannot be written is a bug, not a broker problem: no re-send would help
            throw new IllegalStateException("cannot serialize " + topic + " record " + payload, e);
        }
        // In flight from the first attempt until acknowledged or given up on, re-sends included.
        pressure.sent();
        send(new Outgoing(key, value, randomUuid(), EventAcks.record(), SocketReadClock.readAtNanos()), 1);
    }

    /**
     * {@code done}: tells the event's dedupe mark this record is settled; {@code readAt}: when the ESL bytes it comes
     * from were read (0: not from a socket read).
     */
    private record Outgoing(String key, byte[] value, String eventId, Runnable done, long readAt) {
    }

    private void send(Outgoing record, int attempt) {
        producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(),
                headers.headers(record.eventId(), CloudEventHeaders.now())),
                (metadata, error) -> {
                    if (error != null) {
                        failed(record, attempt, error);
                        return;
                    }
                    pressure.settled();
                    record.done().run();
                    if (record.readAt() != 0) {
                        socketToAck.record(System.nanoTime() - record.readAt(), TimeUnit.NANOSECONDS);
                    }
                });
    }

    private void failed(Outgoing record, int attempt, Throwable error) {
        failures.increment();
        if (attempt >= config.maxAttempts()) {
            dropped.increment();
            pressure.settled();
            record.done().run();
            LOG.errorf(error, "giving up on %s record %s (key %s) after %d attempts", topic, record.eventId(),
                    record.key(), attempt);
            return;
        }
        Duration delay = config.retryDelay().multipliedBy(attempt);
        LOG.warnf("%s record %s (key %s) not acknowledged (%s); attempt %d in %d ms", topic, record.eventId(),
                record.key(), error.getMessage(), attempt + 1, delay.toMillis());
        vertx.setTimer(Math.max(1, delay.toMillis()), id -> send(record, attempt + 1));
    }

    /**
     * A version 4 UUID from the thread's own generator: CloudEvents ids only need to be unique per source, and
     * {@link UUID#randomUUID()} takes a lock on the shared SecureRandom for every record.
     */
    private static String randomUuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = random.nextLong() & ~0xF000L | 0x4000L;
        long least = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
