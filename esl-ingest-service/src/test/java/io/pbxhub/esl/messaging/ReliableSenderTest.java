package io.pbxhub.esl.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pbxhub.common.messaging.ProducerBatching;
import io.pbxhub.contracts.InstanceStatus;
import io.pbxhub.contracts.InstanceStatus.Reachability;
import io.vertx.core.Vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ReliableSenderTest {

    private final Vertx vertx = Vertx.vertx();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PublishPressure pressure = new PublishPressure(2, 0);

    private TopicProducer topicProducer;

    @AfterEach
    void close() throws Exception {
        if (topicProducer != null) {
            topicProducer.close(Duration.ofSeconds(1));
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aNackedRecordIsSentAgainWithTheSameEventIdAndCounted() {
        ScriptedProducer emitter = new ScriptedProducer(attempt -> attempt > 1);
        ReliableSender<InstanceStatus> sender = sender(emitter, 5);

        sender.send("key-1", status());

        await().atMost(Duration.ofSeconds(5)).until(() -> emitter.history().size() == 2);
        assertThat(emitter.history()).extracting(r -> header(r, "ce_id")).doesNotContainNull().containsOnly(
                header(emitter.history().get(0), "ce_id"));
        assertThat(emitter.history()).extracting(ProducerRecord::key).containsOnly("key-1");
        assertThat(counter("pbxhub.esl.publish.failures")).isEqualTo(1);
        assertThat(counter("pbxhub.esl.publish.dropped")).isZero();
    }

    @Test
    void aRecordKafkaNeverTakesIsGivenUpAfterMaxAttemptsAndCountedAsDropped() throws Exception {
        ScriptedProducer emitter = new ScriptedProducer(attempt -> false);
        ReliableSender<InstanceStatus> sender = sender(emitter, 3);

        sender.send("key-2", status());

        await().atMost(Duration.ofSeconds(5)).until(() -> counter("pbxhub.esl.publish.dropped") == 1);
        Thread.sleep(200);
        assertThat(emitter.history()).hasSize(3);
        assertThat(counter("pbxhub.esl.publish.failures")).isEqualTo(3);
    }

    @Test
    void aSendTheProducerRefusesIsRetriedLikeANack() {
        ScriptedProducer emitter = new ScriptedProducer(attempt -> true);
        emitter.throwOnFirstSend = true;
        ReliableSender<InstanceStatus> sender = sender(emitter, 5);

        sender.send("key-3", status());

        await().atMost(Duration.ofSeconds(5)).until(() -> emitter.history().size() == 1);
        assertThat(counter("pbxhub.esl.publish.failures")).isEqualTo(1);
    }

    @Test
    void unacknowledgedRecordsBuildPressureThatIsRelievedOnlyWhenKafkaHasTakenThemAll() {
        ScriptedProducer emitter = new ScriptedProducer(attempt -> true);
        emitter.hold = true;
        ReliableSender<InstanceStatus> sender = sender(emitter, 5);
        AtomicInteger resumed = new AtomicInteger();

        sender.send("a", status());
        assertThat(pressure.saturated()).isFalse();
        sender.send("b", status());
        assertThat(pressure.saturated()).isTrue();
        pressure.whenRelieved(resumed::incrementAndGet);

        await().atMost(Duration.ofSeconds(5)).until(() -> emitter.history().size() == 2);
        emitter.completeNext();
        assertThat(resumed.get()).isZero();
        emitter.completeNext();
        assertThat(resumed.get()).isEqualTo(1);
        assertThat(pressure.inFlight()).isZero();
    }

    @Test
    void aRecordGivenUpOnNoLongerHoldsPressure() {
        ScriptedProducer emitter = new ScriptedProducer(attempt -> false);
        ReliableSender<InstanceStatus> sender = sender(emitter, 2);

        sender.send("key-4", status());

        await().atMost(Duration.ofSeconds(5)).until(() -> counter("pbxhub.esl.publish.dropped") == 1);
        assertThat(pressure.inFlight()).isZero();
    }

    @Test
    void aRecordIsACloudEventInBinaryModeWithItsJsonValue() {
        ScriptedProducer producer = new ScriptedProducer(attempt -> true);
        InstanceStatus status = status();

        sender(producer, 1).send("key-5", status);

        await().atMost(Duration.ofSeconds(5)).until(() -> producer.history().size() == 1);
        ProducerRecord<String, byte[]> record = producer.history().get(0);
        assertThat(record.topic()).isEqualTo("instance-status");
        assertThat(record.headers().toArray()).extracting(Header::key).containsExactly("ce_specversion", "ce_id",
                "ce_type", "ce_source", "ce_datacontenttype", "content-type", "ce_time");
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(UUID.fromString(header(record, "ce_id")).version()).isEqualTo(4);
        assertThat(header(record, "ce_type")).isEqualTo("io.pbxhub.instance.status.v1");
        assertThat(header(record, "ce_source")).isEqualTo("/esl-ingest-service");
        assertThat(header(record, "content-type")).isEqualTo("application/json");
        assertThat(OffsetDateTime.parse(header(record, "ce_time")).toInstant()).isAfterOrEqualTo(status.checkedAt());
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("\"instanceId\":\""
                + status.instanceId() + "\"");
    }

    private ReliableSender<InstanceStatus> sender(ScriptedProducer producer, int maxAttempts) {
        PublishConfig config = new PublishConfig() {
            @Override
            public int maxAttempts() {
                return maxAttempts;
            }

            @Override
            public Duration retryDelay() {
                return Duration.ofMillis(20);
            }

            @Override
            public int pauseAbove() {
                return 2;
            }

            @Override
            public int resumeBelow() {
                return 0;
            }

            @Override
            public ProducerBatching producer() {
                throw new UnsupportedOperationException("the test brings its own producer");
            }
        };
        topicProducer = new TopicProducer(producer);
        return new ReliableSender<>(InstanceStatus.class, topicProducer, new ObjectMapper().registerModule(
                new JavaTimeModule()), vertx, config, registry, pressure);
    }

    private double counter(String name) {
        return registry.get(name).counter().count();
    }

    private static InstanceStatus status() {
        return new InstanceStatus(UUID.randomUUID(), Reachability.UNKNOWN, Reachability.UP, null, "test",
                Instant.now());
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Acknowledges or fails each send as scripted, as the broker would; {@code hold}: the test settles them. */
    private static final class ScriptedProducer extends MockProducer<String, byte[]> {
        final IntPredicate ackAttempt;
        volatile boolean throwOnFirstSend;
        volatile boolean hold;

        ScriptedProducer(IntPredicate ackAttempt) {
            super(false, null, new StringSerializer(), new ByteArraySerializer());
            this.ackAttempt = ackAttempt;
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
            if (throwOnFirstSend) {
                throwOnFirstSend = false;
                throw new BufferExhaustedException("Failed to allocate memory within the configured max blocking time");
            }
            Future<RecordMetadata> sent = super.send(record, callback);
            if (!hold) {
                if (ackAttempt.test(history().size())) {
                    completeNext();
                } else {
                    errorNext(new NotEnoughReplicasException("NOT_ENOUGH_REPLICAS"));
                }
            }
            return sent;
        }
    }
}
