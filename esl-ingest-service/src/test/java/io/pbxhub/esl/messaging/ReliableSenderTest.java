package io.pbxhub.esl.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pbxhub.contracts.InstanceStatus;
import io.pbxhub.contracts.InstanceStatus.Reachability;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ReliableSenderTest {

    private final Vertx vertx = Vertx.vertx();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PublishPressure pressure = new PublishPressure(2, 0);

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aNackedRecordIsSentAgainWithTheSameEventIdAndCounted() {
        ScriptedEmitter emitter = new ScriptedEmitter(attempt -> attempt > 1);
        ReliableSender<InstanceStatus> sender = sender(emitter, 5);

        sender.send("key-1", status());

        await().atMost(Duration.ofSeconds(5)).until(() -> emitter.sent.size() == 2);
        assertThat(emitter.sent).extracting(ReliableSenderTest::eventId).doesNotContainNull().containsOnly(
                eventId(emitter.sent.get(0)));
        assertThat(emitter.sent).extracting(ReliableSenderTest::key).containsOnly("key-1");
        assertThat(counter("pbxhub.esl.publish.failures")).isEqualTo(1);
        assertThat(counter("pbxhub.esl.publish.dropped")).isZero();
    }

    @Test
    void aRecordKafkaNeverTakesIsGivenUpAfterMaxAttemptsAndCountedAsDropped() throws Exception {
        ScriptedEmitter emitter = new ScriptedEmitter(attempt -> false);
        ReliableSender<InstanceStatus> sender = sender(emitter, 3);

        sender.send("key-2", status());

        await().atMost(Duration.ofSeconds(5)).until(() -> counter("pbxhub.esl.publish.dropped") == 1);
        Thread.sleep(200);
        assertThat(emitter.sent).hasSize(3);
        assertThat(counter("pbxhub.esl.publish.failures")).isEqualTo(3);
    }

    @Test
    void aFullEmitterBufferIsRetriedLikeANack() {
        ScriptedEmitter emitter = new ScriptedEmitter(attempt -> true);
        emitter.throwOnFirstSend = true;
        ReliableSender<InstanceStatus> sender = sender(emitter, 5);

        sender.send("key-3", status());

        await().atMost(Duration.ofSeconds(5)).until(() -> emitter.sent.size() == 1);
        assertThat(counter("pbxhub.esl.publish.failures")).isEqualTo(1);
    }

    @Test
    void unacknowledgedRecordsBuildPressureThatIsRelievedOnlyWhenKafkaHasTakenThemAll() {
        ScriptedEmitter emitter = new ScriptedEmitter(attempt -> true);
        emitter.hold = true;
        ReliableSender<InstanceStatus> sender = sender(emitter, 5);
        AtomicInteger resumed = new AtomicInteger();

        sender.send("a", status());
        assertThat(pressure.saturated()).isFalse();
        sender.send("b", status());
        assertThat(pressure.saturated()).isTrue();
        pressure.whenRelieved(resumed::incrementAndGet);

        emitter.sent.get(0).ack();
        assertThat(resumed.get()).isZero();
        emitter.sent.get(1).ack();
        assertThat(resumed.get()).isEqualTo(1);
        assertThat(pressure.inFlight()).isZero();
    }

    @Test
    void aRecordGivenUpOnNoLongerHoldsPressure() {
        ScriptedEmitter emitter = new ScriptedEmitter(attempt -> false);
        ReliableSender<InstanceStatus> sender = sender(emitter, 2);

        sender.send("key-4", status());

        await().atMost(Duration.ofSeconds(5)).until(() -> counter("pbxhub.esl.publish.dropped") == 1);
        assertThat(pressure.inFlight()).isZero();
    }

    private ReliableSender<InstanceStatus> sender(Emitter<InstanceStatus> emitter, int maxAttempts) {
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
        };
        return new ReliableSender<>("instance-status", emitter, vertx, config, registry, pressure);
    }

    private double counter(String name) {
        return registry.get(name).counter().count();
    }

    private static InstanceStatus status() {
        return new InstanceStatus(UUID.randomUUID(), Reachability.UNKNOWN, Reachability.UP, null, "test",
                Instant.now());
    }

    private static String eventId(Message<?> message) {
        return message.getMetadata(OutgoingCloudEventMetadata.class).map(OutgoingCloudEventMetadata::getId)
                .orElse(null);
    }

    private static Object key(Message<?> message) {
        return message.getMetadata(OutgoingKafkaRecordMetadata.class).map(OutgoingKafkaRecordMetadata::getKey)
                .orElse(null);
    }

    /** Acks or nacks each send as scripted, like the Kafka connector does once the broker answers. */
    private static final class ScriptedEmitter implements Emitter<InstanceStatus> {
        final List<Message<? extends InstanceStatus>> sent = new CopyOnWriteArrayList<>();
        final IntPredicate ackAttempt;
        volatile boolean throwOnFirstSend;
        /** Neither ack nor nack: the test settles the messages itself. */
        volatile boolean hold;

        ScriptedEmitter(IntPredicate ackAttempt) {
            this.ackAttempt = ackAttempt;
        }

        @Override
        public CompletionStage<Void> send(InstanceStatus payload) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <M extends Message<? extends InstanceStatus>> void send(M message) {
            if (throwOnFirstSend) {
                throwOnFirstSend = false;
                throw new IllegalStateException("SRMSG00034: Insufficient downstream requests to emit item");
            }
            sent.add(message);
            if (hold) {
                return;
            }
            if (ackAttempt.test(sent.size())) {
                message.ack();
            } else {
                message.nack(new RuntimeException("NOT_ENOUGH_REPLICAS"));
            }
        }

        @Override
        public void complete() {
        }

        @Override
        public void error(Exception e) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean hasRequests() {
            return true;
        }
    }
}
