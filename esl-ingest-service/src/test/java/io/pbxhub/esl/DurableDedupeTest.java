package io.pbxhub.esl;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pbxhub.contracts.CallEvent;
import io.pbxhub.contracts.InstanceEvent.Change;
import io.pbxhub.contracts.PresenceEvent;
import io.pbxhub.contracts.RawCdr;
import io.pbxhub.contracts.Topics;
import io.pbxhub.testsupport.esl.CallFlow;
import io.pbxhub.testsupport.esl.EslSimulator;
import io.pbxhub.testsupport.esl.Fault;
import io.pbxhub.testsupport.esl.SimulatedCall;
import io.pbxhub.testsupport.instance.FakeInstanceService;
import io.pbxhub.testsupport.kafka.KafkaBrokerResource;
import io.pbxhub.testsupport.postgres.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replayed stream adds nothing to the topics, whether the connection reconnected or was opened anew with the
 * replay mark loaded from PostgreSQL (as after a restart or a rebalance).
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_esl_test"))
@WithTestResource(value = FakeInstanceService.class, scope = TestResourceScope.GLOBAL)
class DurableDedupeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DOMAIN = "dedupe.example.com";

    @Inject
    DataSource dataSource;

    private PbxConnectedThroughKafka pbx;

    @BeforeEach
    void connect() {
        pbx = PbxConnectedThroughKafka.connect(WAIT);
    }

    @AfterEach
    void close() {
        pbx.close();
    }

    @Test
    void aReplayAfterAReconnectAndAfterANewConnectionWithTheStoredMarkAddsNoRecords() {
        EslSimulator sim = pbx.sim();
        UUID id = pbx.id();
        ConsumerTask<String, CallEvent> calls = pbx.kafka().consume(Topics.CALL_EVENTS, CallEvent.class,
                e -> id.equals(e.instanceId()));
        ConsumerTask<String, RawCdr> cdrs = pbx.kafka().consume(Topics.CDR_RAW, RawCdr.class,
                c -> id.equals(c.instanceId()));
        ConsumerTask<String, PresenceEvent> presence = pbx.kafka().consume(Topics.PRESENCE, PresenceEvent.class,
                p -> id.equals(p.instanceId()));
        sim.play(CallFlow.bridged(SimulatedCall.local("5001", "5002", DOMAIN, 30)).withPresence());
        // 2 legs: RINGING, ANSWERED, HUNGUP each, BRIDGED on A; a CDR per leg; 5001 and 5002 ringing, busy, idle
        await().atMost(WAIT).until(() -> calls.count() == 7 && cdrs.count() == 2 && presence.count() == 6);
        long lastSequence = lastSequence(sim);
        // the mark reaches the database within the flush interval
        await().atMost(WAIT).until(() -> storedMark(id) == lastSequence);

        // 1. the same connection object reconnects and the stream is replayed
        sim.inject(Fault.ABRUPT_CLOSE);
        await().atMost(WAIT).until(() -> sim.commands().stream().filter(c -> c.startsWith("auth ")).count() == 2);
        sim.awaitSubscribers(1, WAIT);
        sim.replay();
        assertNothingNewAfterASentinel(sim, calls, cdrs, "5101");

        // 2. a new connection (a restart, a rebalance): only the stored mark knows what was published
        pbx.kafka().publish(TestKafka.fusionPbx(id, Change.DELETED, 2, sim.host(), sim.port()));
        await().atMost(WAIT).until(() -> sim.sessions() == 0);
        pbx.kafka().publish(TestKafka.fusionPbx(id, Change.CREATED, 3, sim.host(), sim.port()));
        sim.awaitSubscribers(1, WAIT);
        sim.replay();
        assertNothingNewAfterASentinel(sim, calls, cdrs, "5102");
        assertThat(presence.getRecords()).filteredOn(r -> r.value().extension().startsWith("500")).hasSize(6);
    }

    /** Plays a new call after the replay; once its records are in, no replayed record can still be on its way. */
    private void assertNothingNewAfterASentinel(EslSimulator sim, ConsumerTask<String, CallEvent> calls,
            ConsumerTask<String, RawCdr> cdrs, String extension) {
        long callsBefore = calls.count();
        long cdrsBefore = cdrs.count();
        SimulatedCall sentinel = SimulatedCall.answered(extension, "0412345678", DOMAIN, 5);
        sim.play(sentinel);
        await().atMost(WAIT).until(() -> cdrs.getRecords().stream()
                .anyMatch(r -> sentinel.uuid().equals(r.value().cdrUuid())));
        await().atMost(WAIT).until(() -> calls.count() >= callsBefore + 3);
        assertThat(calls.count()).as("only the sentinel's RINGING, ANSWERED, HUNGUP").isEqualTo(callsBefore + 3);
        assertThat(cdrs.count()).as("only the sentinel's CDR").isEqualTo(cdrsBefore + 1);
    }

    /** The simulator numbers its events 1..n in the order fired. */
    private static long lastSequence(EslSimulator sim) {
        return sim.eventsFired();
    }

    private long storedMark(UUID id) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT last_event_sequence FROM esl_event_mark WHERE instance_id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }
}
