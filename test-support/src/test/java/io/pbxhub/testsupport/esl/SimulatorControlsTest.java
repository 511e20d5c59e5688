package io.pbxhub.testsupport.esl;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pbxhub.testsupport.esl.EslTestClient.Frame;

import static org.assertj.core.api.Assertions.assertThat;

/** The controls tests drive the simulator with: sofia::expire, any event, the command log, a stalled api. */
class SimulatorControlsTest {

    private static final String DOMAIN = "pbx.example.com";

    private EslSimulator sim;

    @BeforeEach
    void start() {
        sim = EslSimulator.start(EslSimulator.Options.defaults());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void anExpiredRegistrationFiresSofiaExpireAndLeavesTheListings() {
        sim.register("1001", DOMAIN, "127.0.0.1", 5062, "Yealink SIP-T46S");
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", "event plain CUSTOM sofia::expire")) {
            sim.expire("1001", DOMAIN);

            Frame frame = client.read();
            assertThat(Integer.parseInt(frame.header("Content-Length"))).isEqualTo(frame.body().length);
            assertThat(frame.event("Event-Name")).isEqualTo("CUSTOM");
            assertThat(frame.event("Event-Subclass")).isEqualTo("sofia::expire");
            assertThat(frame.rawEventHeaders()).containsEntry("username", "1001").containsEntry("realm", DOMAIN)
                    .containsEntry("profile-name", "internal").containsEntry("network-port", "5062")
                    .containsEntry("Core-UUID", sim.coreUuid()).containsKey("Event-Sequence")
                    .containsKey("Event-Date-Timestamp");
            assertThat(sim.registered("1001", DOMAIN)).isFalse();
            client.send("api show registrations");
            assertThat(client.read().bodyText()).isEqualTo("\n0 total.\n");
        }
    }

    @Test
    void anyEventIsFiredWithTheSwitchIdentityInHeaderOrderAndUrlEncoded() {
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", "event plain PRESENCE_IN")) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("proto", "sip");
            headers.put("from", "1001@" + DOMAIN);
            headers.put("answer-state", "confirmed");
            sim.fireEvent("PRESENCE_IN", headers);

            Frame frame = client.read();
            assertThat(frame.bodyText()).startsWith("Event-Name: PRESENCE_IN\nCore-UUID: " + sim.coreUuid() + "\n")
                    .contains("\nproto: sip\nfrom: 1001%40" + DOMAIN + "\nanswer-state: confirmed\n")
                    .endsWith("\n\n");
            assertThat(frame.event("Event-Sequence")).matches("[0-9]+");
        }
    }

    @Test
    void theCommandsClientsSentAreKeptInOrder() {
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", "event plain HEARTBEAT")) {
            client.send("api version");
            client.read();
        }
        assertThat(sim.commands()).containsExactly("auth ClueCon", "event plain HEARTBEAT", "api version");
    }

    @Test
    void aStalledApiAnswersNothingAndItsBgapiJobNeverEndsUntilCleared() {
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", "event plain BACKGROUND_JOB")) {
            sim.inject(Fault.STALLED_API);
            client.send("api version");
            client.send("bgapi status");
            Frame reply = client.read();
            assertThat(reply.header("Content-Type")).as("the api/response never comes; the bgapi reply does")
                    .isEqualTo("command/reply");
            assertThat(reply.header("Reply-Text")).startsWith("+OK Job-UUID: ");
            client.timeout(500);
            assertThat(client.closedByServer()).as("nothing else arrives").isFalse();

            sim.clearFaults();
            client.timeout(5_000);
            assertThat(client.nextAfterRoundTrip().bodyText()).startsWith("FreeSWITCH Version");
        }
    }

    @Test
    void showChannelsListsTheLegsOfTheCallsInProgressInCsvAndJson() throws Exception {
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", null)) {
            client.send("api show channels as json");
            assertThat(client.read().bodyText()).isEqualTo("{\"row_count\":0}\n");
            client.send("api show channels");
            assertThat(client.read().bodyText()).isEqualTo("\n0 total.\n");

            String uuid = sim.ring(CallFlow.bridged(SimulatedCall.local("1001", "1002", DOMAIN, 1)));
            sim.answer(uuid);
            client.send("api show channels as json");
            JsonNode json = new ObjectMapper().readTree(client.read().bodyText());
            assertThat(json.path("row_count").asInt()).isEqualTo(2);
            JsonNode a = json.path("rows").get(0);
            JsonNode b = json.path("rows").get(1);
            assertThat(a.path("uuid").asText()).isEqualTo(uuid);
            assertThat(a.path("direction").asText()).isEqualTo("inbound");
            assertThat(a.path("cid_num").asText()).isEqualTo("1001");
            assertThat(a.path("dest").asText()).isEqualTo("1002");
            assertThat(a.path("callstate").asText()).isEqualTo("ACTIVE");
            assertThat(a.path("created_epoch").isTextual()).as("every value is a string").isTrue();
            assertThat(b.path("direction").asText()).isEqualTo("outbound");
            assertThat(b.path("call_uuid").asText()).isEqualTo(uuid);
            assertThat(b.path("uuid").asText()).isNotEqualTo(uuid);

            client.send("api show channels");
            String csv = client.read().bodyText();
            assertThat(csv).startsWith("uuid,direction,created,created_epoch,name,state,cid_name,cid_num,")
                    .contains("\n" + uuid + ",inbound,").endsWith("\n\n2 total.\n");
            client.send("api show channels count");
            assertThat(client.read().bodyText()).isEqualTo("\n2 total.\n");

            sim.hangup(uuid);
            client.send("api show channels as json");
            assertThat(client.read().bodyText()).isEqualTo("{\"row_count\":0}\n");
        }
    }

    @Test
    void lostEventsAreReportedOnTheLogStreamAsFreeSwitchDoesAndTooManyKillTheListener() {
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", "event plain HEARTBEAT");
                EslTestClient watcher = EslTestClient.subscribed(sim, "ClueCon", null)) {
            client.send("log 2");
            assertThat(client.read().header("Reply-Text")).isEqualTo("+OK log level 2 [2]");
            watcher.send("log crit");
            watcher.read();

            sim.loseEvents(3);
            for (int i = 0; i < 4; i++) {
                sim.heartbeat();
            }
            Frame kept = client.read();
            assertThat(kept.event("Event-Name")).isEqualTo("HEARTBEAT");
            assertThat(kept.event("Event-Sequence")).as("the first three never came").isEqualTo("4");
            Frame log = client.read();
            assertThat(log.header("Content-Type")).isEqualTo("log/data");
            assertThat(log.header("Log-Level")).isEqualTo("2");
            assertThat(log.header("Log-File")).isEqualTo("mod_event_socket.c");
            assertThat(log.header("Log-Func")).isEqualTo("event_handler");
            assertThat(Integer.parseInt(log.header("Content-Length"))).isEqualTo(log.body().length);
            assertThat(log.bodyText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6} \\[CRIT\\] "
                    + "mod_event_socket\\.c:\\d+ Lost \\[3\\] events! Event Queue size: \\[\\d+/10000\\]\\n");
            assertThat(watcher.read().bodyText()).as("every listener that logs sees it").contains("Lost [3] events!");

            sim.loseEvents(EslSession.MAX_MISSED + 1);
            for (int i = 0; i <= EslSession.MAX_MISSED; i++) {
                sim.heartbeat();
            }
            assertThat(watcher.read().bodyText()).contains("Killing listener because of too many lost events. Lost ["
                    + (EslSession.MAX_MISSED + 1) + "] Queue size[");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void replaySendsTheEventsFiredSoFarAgainUnchanged() {
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", "event plain HEARTBEAT")) {
            sim.heartbeat();
            sim.heartbeat();
            Frame first = client.read();
            Frame second = client.read();

            sim.replay();

            assertThat(client.read().body()).isEqualTo(first.body());
            assertThat(client.read().body()).isEqualTo(second.body());
            sim.heartbeat();
            assertThat(client.read().event("Event-Sequence")).as("the sequence goes on").isEqualTo("3");
        }
    }
}
