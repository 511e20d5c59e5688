package io.pbxhub.testsupport.esl;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
}
