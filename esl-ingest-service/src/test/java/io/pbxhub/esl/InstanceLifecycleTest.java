package io.pbxhub.esl;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pbxhub.contracts.InstanceEvent;
import io.pbxhub.contracts.InstanceEvent.Change;
import io.pbxhub.contracts.InstanceStatus;
import io.pbxhub.contracts.Topics;
import io.pbxhub.esl.connection.EslConnection;
import io.pbxhub.esl.connection.EslConnectionManager;
import io.pbxhub.testsupport.esl.EslSimulator;
import io.pbxhub.testsupport.instance.FakeInstanceService;
import io.pbxhub.testsupport.kafka.KafkaBrokerResource;
import io.pbxhub.testsupport.postgres.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** How instance-events drive the connections: open, re-open on a new endpoint, close, and what is ignored. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_esl_test"))
@WithTestResource(value = FakeInstanceService.class, scope = TestResourceScope.GLOBAL)
class InstanceLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EslConnectionManager connections;

    private TestKafka kafka;
    private EslSimulator sim;
    private EslSimulator other;

    @BeforeEach
    void setUp() {
        kafka = new TestKafka();
    }

    @AfterEach
    void tearDown() {
        if (sim != null) {
            sim.close();
        }
        if (other != null) {
            other.close();
        }
        kafka.close();
    }

    @Test
    void deletingAnInstanceClosesItsConnectionAndAnOlderCreateCannotRevive() throws Exception {
        UUID id = UUID.randomUUID();
        sim = EslSimulator.start(EslSimulator.Options.defaults().password("secret").port(0));
        FakeInstanceService.eslPassword(id, "secret");
        kafka.publish(TestKafka.fusionPbx(id, Change.CREATED, 1, sim.host(), sim.port()));
        await().atMost(WAIT).until(() -> isUp(id));

        kafka.publish(TestKafka.fusionPbx(id, Change.DELETED, 2, sim.host(), sim.port()));
        await().atMost(WAIT).until(() -> connections.connection(id) == null);

        // A stale CREATED (version 1 again) arriving late must not reopen the deleted instance.
        kafka.publish(TestKafka.fusionPbx(id, Change.CREATED, 1, sim.host(), sim.port()));
        UUID marker = UUID.randomUUID();
        FakeInstanceService.eslPassword(marker, "secret");
        kafka.publish(TestKafka.fusionPbx(marker, Change.CREATED, 1, sim.host(), sim.port()));
        await().atMost(WAIT).until(() -> isUp(marker)); // records before the marker's have been handled
        assertThat(connections.connection(id)).isNull();
    }

    @Test
    void aNewEslEndpointReopensTheConnectionThere() {
        UUID id = UUID.randomUUID();
        sim = EslSimulator.start(EslSimulator.Options.defaults().password("secret").port(0));
        other = EslSimulator.start(EslSimulator.Options.defaults().password("secret").port(0));
        FakeInstanceService.eslPassword(id, "secret");
        kafka.publish(TestKafka.fusionPbx(id, Change.CREATED, 1, sim.host(), sim.port()));
        await().atMost(WAIT).until(() -> isUp(id));

        kafka.publish(TestKafka.fusionPbx(id, Change.UPDATED, 2, other.host(), other.port()));

        other.awaitSubscribers(1, Duration.ofSeconds(20));
        await().atMost(WAIT).until(() -> isUp(id) && connections.connection(id).instance().port() == other.port());
    }

    @Test
    void anInstanceUnknownToInstanceServiceIsNotConnectedAndNotReported() {
        UUID id = UUID.randomUUID();
        sim = EslSimulator.start(EslSimulator.Options.defaults().password("secret").port(0));
        ConsumerTask<String, InstanceStatus> status = kafka.consume(Topics.INSTANCE_STATUS, InstanceStatus.class,
                s -> id.equals(s.instanceId()));

        kafka.publish(TestKafka.fusionPbx(id, Change.CREATED, 1, sim.host(), sim.port()));

        await().atMost(WAIT).until(() -> FakeInstanceService.credentialRequests(id) >= 1
                && connections.connection(id) == null);
        // 404 is final: no retry storm against instance-service, and nothing on instance-status.
        status.awaitNoRecords(Duration.ofSeconds(2));
        assertThat(FakeInstanceService.credentialRequests(id)).isEqualTo(1);
    }

    @Test
    void a3cxInstanceOrOneWithoutEslHostGetsNoConnection() {
        UUID pbx3cx = UUID.randomUUID();
        UUID noHost = UUID.randomUUID();
        UUID marker = UUID.randomUUID();
        sim = EslSimulator.start(EslSimulator.Options.defaults().password("secret").port(0));
        FakeInstanceService.eslPassword(marker, "secret");
        InstanceEvent fusion = TestKafka.fusionPbx(pbx3cx, Change.CREATED, 1, sim.host(), sim.port());

        kafka.publish(new InstanceEvent(pbx3cx, Change.CREATED, 1, "t", "3cx", "3cx.example.com",
                InstanceEvent.PbxType.PBX3CX, fusion.eslHost(), fusion.eslPort(), null, null, null, null,
                fusion.occurredAt()));
        kafka.publish(new InstanceEvent(noHost, Change.CREATED, 1, "t", "no esl", "pbx.example.com",
                InstanceEvent.PbxType.FUSIONPBX, null, null, null, null, null, null, fusion.occurredAt()));
        kafka.publish(TestKafka.fusionPbx(marker, Change.CREATED, 1, sim.host(), sim.port()));

        await().atMost(WAIT).until(() -> isUp(marker));
        assertThat(connections.connection(pbx3cx)).isNull();
        assertThat(connections.connection(noHost)).isNull();
        assertThat(FakeInstanceService.credentialRequests(pbx3cx)).isZero();
    }

    @Test
    void aTombstoneClosesTheConnection() {
        UUID id = UUID.randomUUID();
        sim = EslSimulator.start(EslSimulator.Options.defaults().password("secret").port(0));
        FakeInstanceService.eslPassword(id, "secret");
        kafka.publish(TestKafka.fusionPbx(id, Change.CREATED, 1, sim.host(), sim.port()));
        await().atMost(WAIT).until(() -> isUp(id));

        kafka.companion().produceStrings()
                .fromRecords(KafkaCompanion.record(Topics.INSTANCE_EVENTS, id.toString(), (String) null))
                .awaitCompletion(WAIT);

        await().atMost(WAIT).until(() -> connections.connection(id) == null);
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAndDoesNotBlockTheNextOne() {
        UUID id = UUID.randomUUID();
        sim = EslSimulator.start(EslSimulator.Options.defaults().password("secret").port(0));
        FakeInstanceService.eslPassword(id, "secret");
        ConsumerTask<String, String> dlq = kafka.companion().consumeStrings()
                .withOffsetReset(org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST)
                .fromTopics(Topics.deadLetter(Topics.INSTANCE_EVENTS),
                        r -> r.select().where(rec -> id.toString().equals(rec.key())));

        String garbage = "{not json \u00e9\u0001";
        String wrongShape = "{\"instanceId\":\"not-a-uuid\",\"change\":\"CREATED\"}";
        kafka.companion().produceStrings()
                .fromRecords(KafkaCompanion.record(Topics.INSTANCE_EVENTS, id.toString(), garbage),
                        KafkaCompanion.record(Topics.INSTANCE_EVENTS, id.toString(), wrongShape),
                        KafkaCompanion.record(Topics.INSTANCE_EVENTS, id.toString(), "null"))
                .awaitCompletion(WAIT);
        kafka.publish(TestKafka.fusionPbx(id, Change.CREATED, 1, sim.host(), sim.port()));

        await().atMost(WAIT).until(() -> isUp(id));
        dlq.awaitRecords(3, WAIT);
        // byte for byte, with the reason
        assertThat(dlq.getRecords()).extracting(ConsumerRecord::value).containsExactly(garbage, wrongShape, "null");
        assertThat(dlq.getRecords()).allSatisfy(r -> assertThat(
                KafkaCompanion.getHeader(r.headers(), "dead-letter-reason")).contains("instance-events record"));
    }

    private boolean isUp(UUID id) {
        EslConnection c = connections.connection(id);
        return c != null && c.state() == EslConnection.State.UP;
    }
}
