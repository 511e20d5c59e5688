package io.pbxhub.esl;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.eclipse.microprofile.config.ConfigProvider;

import io.pbxhub.contracts.CallEvent;
import io.pbxhub.contracts.InstanceEvent;
import io.pbxhub.contracts.InstanceStatus;
import io.pbxhub.contracts.PresenceEvent;
import io.pbxhub.contracts.RawCdr;
import io.pbxhub.contracts.Topics;
import io.quarkus.kafka.client.serialization.ObjectMapperSerde;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** The real broker of the test run, seen through a KafkaCompanion with the contract records' JSON serdes. */
public final class TestKafka implements AutoCloseable {

    private final KafkaCompanion companion;

    public TestKafka() {
        companion = new KafkaCompanion(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        companion.registerSerde(InstanceEvent.class, new ObjectMapperSerde<>(InstanceEvent.class));
        companion.registerSerde(InstanceStatus.class, new ObjectMapperSerde<>(InstanceStatus.class));
        companion.registerSerde(CallEvent.class, new ObjectMapperSerde<>(CallEvent.class));
        companion.registerSerde(RawCdr.class, new ObjectMapperSerde<>(RawCdr.class));
        companion.registerSerde(PresenceEvent.class, new ObjectMapperSerde<>(PresenceEvent.class));
    }

    public KafkaCompanion companion() {
        return companion;
    }

    /** An instance-events record as instance-service publishes it: key = instance id. */
    public void publish(InstanceEvent event) {
        companion.produce(InstanceEvent.class)
                .fromRecords(KafkaCompanion.record(Topics.INSTANCE_EVENTS, event.instanceId().toString(), event))
                .awaitCompletion(Duration.ofSeconds(30));
    }

    /** Every record of {@code topic} (from the beginning) whose value passes {@code filter}. */
    public <T> ConsumerTask<String, T> consume(String topic, Class<T> type, Predicate<T> filter) {
        return companion.consume(type).withOffsetReset(OffsetResetStrategy.EARLIEST)
                .withGroupId("test-" + UUID.randomUUID())
                .fromTopics(topic, records -> records.select().where((ConsumerRecord<String, T> r) -> r.value() != null
                        && filter.test(r.value())));
    }

    public static InstanceEvent fusionPbx(UUID id, InstanceEvent.Change change, long version, String host, int port) {
        return new InstanceEvent(id, change, version, "tenant-" + id.toString().substring(0, 8), "PBX " + id, host,
                InstanceEvent.PbxType.FUSIONPBX, host, port, "postgresql", host, 5432, "fusionpbx", Instant.now());
    }

    @Override
    public void close() {
        companion.close();
    }
}
