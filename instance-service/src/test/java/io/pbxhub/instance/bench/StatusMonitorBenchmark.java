package io.pbxhub.instance.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.pbxhub.instance.Fixtures;
import io.pbxhub.instance.connection.ConnectionTester;
import io.pbxhub.instance.connection.ProbeTarget;
import io.pbxhub.instance.pbx.InstanceService;
import io.pbxhub.instance.pbx.PbxInstance;
import io.pbxhub.instance.status.StatusMonitor;
import io.pbxhub.testsupport.esl.EslSimulator;
import io.pbxhub.testsupport.fusionpbx.FusionPbxDatabase;
import io.pbxhub.testsupport.kafka.KafkaBrokerResource;
import io.pbxhub.testsupport.postgres.PostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;

/**
 * Load harness, not a test: the status monitor checking N instances (default 500) whose databases and ESL sockets are
 * real peers on this machine (a FusionPBX-schema PostgreSQL database and the ESL simulator), against the simple
 * baseline of checking them one after another. Run:
 * {@code ./mvnw -pl instance-service -am verify -Dsurefire.excludedGroups= -Dgroups=benchmark -Dtest=StatusMonitorBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
@QuarkusTest
@Tag("benchmark")
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_instance_test"))
class StatusMonitorBenchmark {

    private static final Logger LOG = Logger.getLogger(StatusMonitorBenchmark.class);

    @Inject
    StatusMonitor monitor;

    @Inject
    ConnectionTester tester;

    @Inject
    InstanceService instances;

    @Test
    void checkManyInstancesWithinOneInterval() {
        int n = Integer.getInteger("bench.instances", 500);
        String password = Fixtures.secret();
        try (EslSimulator sim = EslSimulator.start(EslSimulator.Options.defaults().password(password))) {
            FusionPbxDatabase fusion = FusionPbxDatabase.create("fusionpbx_bench");
            fusion.addDomain("bench.example.com");
            for (int i = 0; i < n; i++) {
                given().contentType(ContentType.JSON)
                        .body(Fixtures.instance("Bench " + i + " " + UUID.randomUUID(), fusion.host(), fusion.port(),
                                fusion.name(), fusion.user(), fusion.password(), sim.host(), sim.port(), password))
                        .post("/api/v1/instances").then().statusCode(201);
            }
            List<ProbeTarget> targets = QuarkusTransaction.requiringNew().call(() -> {
                List<ProbeTarget> all = new ArrayList<>();
                for (PbxInstance i : instances.list()) {
                    all.add(instances.probeTarget(i));
                }
                return all;
            });

            monitor.checkAll(); // warm-up: JIT, connection setup paths
            long t0 = System.nanoTime();
            int checked = monitor.checkAll();
            double parallelSeconds = (System.nanoTime() - t0) / 1e9;

            long t1 = System.nanoTime();
            int ok = 0;
            for (ProbeTarget t : targets) {
                if (tester.test(t).join().database().ok()) {
                    ok++;
                }
            }
            double sequentialSeconds = (System.nanoTime() - t1) / 1e9;

            LOG.infof("BENCHMARK status monitor: %d instances checked in %.2f s (%.0f instances/s); sequential"
                    + " baseline %d in %.2f s (%.0f instances/s); speed-up %.1fx", checked, parallelSeconds,
                    checked / parallelSeconds, ok, sequentialSeconds, targets.size() / sequentialSeconds,
                    sequentialSeconds / parallelSeconds);
        }
    }
}
