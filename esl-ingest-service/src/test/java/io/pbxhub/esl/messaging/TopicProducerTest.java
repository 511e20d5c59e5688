package io.pbxhub.esl.messaging;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TopicProducerTest {

    private final Vertx vertx = Vertx.vertx();
    private final MockProducer<String, byte[]> kafka = new MockProducer<>(true, null, new StringSerializer(),
            new ByteArraySerializer());
    private final TopicProducer producer = new TopicProducer(kafka);

    @AfterEach
    void close() throws Exception {
        producer.close(Duration.ofSeconds(1));
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void recordsSentInOneEventLoopTaskReachKafkaTogetherAfterTheTaskInTheirOrder() throws Exception {
        List<String> acked = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> sentDuringTask = new CompletableFuture<>();

        vertx.runOnContext(v -> {
            IntStream.range(0, 50).forEach(i -> producer.send(record(i), (metadata, error) -> {
                if (error == null) {
                    acked.add(metadata.topic() + "/" + i);
                }
            }));
            sentDuringTask.complete(kafka.history().size());
        });

        assertThat(sentDuringTask.get(5, TimeUnit.SECONDS)).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> acked.size() == 50);
        assertThat(kafka.history()).extracting(ProducerRecord::key)
                .containsExactlyElementsOf(IntStream.range(0, 50).mapToObj(i -> "call-" + i).toList());
        assertThat(acked).containsExactlyElementsOf(IntStream.range(0, 50).mapToObj(i -> "call-events/" + i).toList());
    }

    @Test
    void tasksOneAfterAnotherOnTheSameLoopKeepTheirOrder() {
        for (int task = 0; task < 20; task++) {
            int first = task * 5;
            vertx.runOnContext(v -> IntStream.range(first, first + 5).forEach(i -> producer.send(record(i), null)));
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> kafka.history().size() == 100);
        assertThat(kafka.history()).extracting(ProducerRecord::key)
                .containsExactlyElementsOf(IntStream.range(0, 100).mapToObj(i -> "call-" + i).toList());
    }

    @Test
    void offAnEventLoopARecordIsHandedOverAtOnce() {
        producer.send(record(1), null);

        await().atMost(Duration.ofSeconds(5)).until(() -> kafka.history().size() == 1);
    }

    @Test
    void aRecordSentAfterCloseGetsAnErrorInsteadOfVanishing() throws Exception {
        producer.close(Duration.ofSeconds(1));
        CompletableFuture<Exception> outcome = new CompletableFuture<>();

        vertx.runOnContext(v -> producer.send(record(1), (metadata, error) -> outcome.complete(error)));

        CompletableFuture<Exception> offLoop = new CompletableFuture<>();
        producer.send(record(2), (metadata, error) -> offLoop.complete(error));

        assertThat(outcome.get(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(offLoop.get(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(kafka.history()).isEmpty();
    }

    private static ProducerRecord<String, byte[]> record(int i) {
        return new ProducerRecord<>("call-events", "call-" + i, new byte[]{(byte) i});
    }
}
