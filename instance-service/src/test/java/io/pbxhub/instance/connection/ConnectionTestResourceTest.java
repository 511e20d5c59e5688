package io.pbxhub.instance.connection;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pbxhub.instance.Fixtures;
import io.pbxhub.testsupport.esl.EslSimulator;
import io.pbxhub.testsupport.fusionpbx.FusionPbxDatabase;
import io.pbxhub.testsupport.kafka.KafkaBrokerResource;
import io.pbxhub.testsupport.postgres.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

/**
 * Test connection against real peers: a FusionPBX-schema PostgreSQL database, the ESL simulator, a closed port, a peer
 * that accepts but never speaks, and (where the machine runs one) MariaDB.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_instance_test"))
class ConnectionTestResourceTest {

    static final String ESL_PASSWORD = Fixtures.secret();
    static EslSimulator simulator;
    static FusionPbxDatabase fusion;
    static ServerSocket silentPeer;

    @BeforeAll
    static void peers() throws IOException {
        simulator = EslSimulator.start(EslSimulator.Options.defaults().password(ESL_PASSWORD));
        fusion = FusionPbxDatabase.create("fusionpbx_probe_test");
        fusion.addDomain("sydney.example.com");
        fusion.addDomain("perth.example.com");
        silentPeer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accepter = new Thread(() -> {
            while (!silentPeer.isClosed()) {
                try {
                    Socket s = silentPeer.accept(); // keep it open and say nothing
                    s.getInputStream();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        accepter.setDaemon(true);
        accepter.start();
    }

    @AfterAll
    static void stop() throws IOException {
        simulator.close();
        silentPeer.close();
    }

    static Map<String, Object> settings(String dbName, String dbUser, String eslHost, int eslPort, String eslPw) {
        return Fixtures.instance("Probe " + UUID.randomUUID(), fusion.host(), fusion.port(), dbName, dbUser,
                fusion.password(), eslHost, eslPort, eslPw);
    }

    static ValidatableResponse test(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/instances/test").then()
                .statusCode(200);
    }

    @Test
    void bothConnectionsWorking() {
        test(settings(fusion.name(), fusion.user(), simulator.host(), simulator.port(), ESL_PASSWORD))
                .body("status", equalTo("CONNECTED"))
                .body("status_text", equalTo("Connected"))
                .body("database.outcome", equalTo("OK"))
                .body("database.message", containsString("2 domain(s)"))
                .body("esl.outcome", equalTo("OK"));
    }

    @Test
    void wrongEslPasswordIsBadCredentials() {
        test(settings(fusion.name(), fusion.user(), simulator.host(), simulator.port(), "wrong"))
                .body("status", equalTo("ESL_DOWN"))
                .body("status_text", equalTo("Database OK, ESL Down"))
                .body("esl.outcome", equalTo("BAD_CREDENTIALS"))
                .body("esl.message", containsString("password"));
    }

    @Test
    void closedPortIsRefused() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        test(settings(fusion.name(), fusion.user(), "127.0.0.1", closed, "x"))
                .body("esl.outcome", equalTo("REFUSED"))
                .body("esl.message", containsString("refused"));
    }

    @Test
    void aPeerThatNeverGreetsTimesOutWithinTheLimit() {
        test(settings(fusion.name(), fusion.user(), "127.0.0.1", silentPeer.getLocalPort(), "x"))
                .body("esl.outcome", equalTo("TIMEOUT"))
                .body("esl.latency_ms", lessThan(4000));
    }

    @Test
    void unknownHostIsUnreachable() {
        test(settings(fusion.name(), fusion.user(), "no-such-pbx.invalid", 8021, "x"))
                .body("esl.outcome", equalTo("UNREACHABLE"));
    }

    @Test
    void databaseFailuresSayWhichPartIsWrong() {
        test(settings("no_such_fusionpbx_db", fusion.user(), simulator.host(), simulator.port(), ESL_PASSWORD))
                .body("status", equalTo("DATABASE_DOWN"))
                .body("status_text", equalTo("ESL OK, Database Down"))
                .body("database.outcome", equalTo("DATABASE_MISSING"));
        test(settings("pbxhub_instance_test", fusion.user(), simulator.host(), simulator.port(), ESL_PASSWORD))
                .body("database.outcome", equalTo("SCHEMA_MISSING"))
                .body("database.message", containsString("FusionPBX"));
        test(settings(fusion.name(), "no_such_role", "127.0.0.1", 1, "x"))
                .body("status", equalTo("DISCONNECTED"))
                .body("database.outcome", equalTo("BAD_CREDENTIALS"));
    }

    @Test
    void aSavedInstanceCanBeTestedAgain() {
        String id = Fixtures.create(settings(fusion.name(), fusion.user(), simulator.host(), simulator.port(),
                ESL_PASSWORD));
        given().post("/api/v1/instances/" + id + "/test").then().statusCode(200)
                .body("status", equalTo("CONNECTED"));
        given().post("/api/v1/instances/" + UUID.randomUUID() + "/test").then().statusCode(404);
    }

    @Test
    void mysqlFlavouredFusionPbxDatabasesAreTestedToo() throws Exception {
        Assumptions.assumeTrue(listening(3306), "no MariaDB/MySQL server on 127.0.0.1:3306");
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "");
                Statement s = c.createStatement()) {
            s.execute("create database if not exists fusionpbx_probe");
            s.execute("create table if not exists fusionpbx_probe.v_domains (domain_uuid char(36) primary key,"
                    + " domain_name varchar(253))");
        }
        Map<String, Object> body = Fixtures.instance("MySQL " + UUID.randomUUID(), "127.0.0.1", 3306,
                "fusionpbx_probe", "root", "", simulator.host(), simulator.port(), ESL_PASSWORD);
        @SuppressWarnings("unchecked")
        Map<String, Object> db = new java.util.HashMap<>((Map<String, Object>) body.get("database"));
        db.put("type", "mariadb");
        Map<String, Object> withType = new java.util.HashMap<>(body);
        withType.put("database", db);
        test(withType).body("database.outcome", equalTo("OK")).body("status", equalTo("CONNECTED"));
        db.put("name", "no_such_db_here");
        test(withType).body("database.outcome", equalTo("DATABASE_MISSING"));
    }

    static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port), (int) Duration.ofMillis(300).toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
