package io.pbxhub.testsupport.esl;

import java.io.UncheckedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pbxhub.testsupport.esl.EslTestClient.Frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The misbehaviours a client must survive, byte for byte, and the call generator of the load harness. */
class FaultsAndLoadTest {

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
    void aWrongContentLengthLeavesTenBytesOfTheEventBeforeTheNextFrame() {
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", "event plain CHANNEL_CREATE")) {
            sim.inject(Fault.WRONG_CONTENT_LENGTH);

            Frame cut = client.read();
            assertThat(cut.header("Content-Type")).isEqualTo("text/event-plain");
            assertThat(cut.bodyText()).startsWith("Event-Name: BACKGROUND_JOB\n").doesNotEndWith("\n\n");
            assertThat(new String(client.readRaw(10), StandardCharsets.US_ASCII)).isEqualTo("xxxxxxxxxx");
            assertThat(client.nextAfterRoundTrip().header("Content-Type")).as("the session goes on")
                    .isEqualTo("api/response");
        }
    }

    @Test
    void aTruncatedFrameEndsWithTheConnection() {
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", "event plain CHANNEL_CREATE")) {
            sim.inject(Fault.TRUNCATED_FRAME);

            String rest = new String(client.readToEnd(), StandardCharsets.UTF_8);
            int blank = rest.indexOf("\n\n");
            int promised = Integer.parseInt(rest.substring("Content-Length: ".length(), rest.indexOf('\n')));
            assertThat(rest).startsWith("Content-Length: ");
            assertThat(rest.substring(blank + 2).getBytes(StandardCharsets.UTF_8).length).isPositive()
                    .isLessThan(promised);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.sessions() == 0);
    }

    @Test
    void garbageBytesArriveAsIsAndTheSessionGoesOn() {
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", null)) {
            sim.inject(Fault.GARBAGE);

            byte[] expected = new byte[512];
            new Random(Fault.GARBAGE.ordinal()).nextBytes(expected);
            assertThat(client.readRaw(512)).isEqualTo(expected);
            client.send("api version");
            assertThat(client.read().header("Content-Type")).isEqualTo("api/response");
        }
    }

    @Test
    void aHugeEventCarriesFiveMebibytesWithAnExactLength() {
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", "event json CHANNEL_CREATE")) {
            sim.inject(Fault.HUGE_EVENT);

            Frame huge = client.read();
            assertThat(huge.header("Content-Type")).isEqualTo("text/event-json");
            assertThat(Integer.parseInt(huge.header("Content-Length"))).isEqualTo(huge.body().length)
                    .isGreaterThan(EslSimulator.HUGE_EVENT_BYTES);
            assertThat(huge.bodyText()).contains("\"Event-Name\":\"BACKGROUND_JOB\"")
                    .contains("\"Content-Length\":\"" + EslSimulator.HUGE_EVENT_BYTES + "\"");
            assertThat(client.nextAfterRoundTrip().header("Content-Type")).isEqualTo("api/response");
        }
    }

    @Test
    void anAbruptCloseResetsTheConnectionWithoutAGoodbye() {
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", "event plain ALL")) {
            sim.inject(Fault.ABRUPT_CLOSE);

            assertThatThrownBy(client::readToEnd).isInstanceOf(UncheckedIOException.class)
                    .hasCauseInstanceOf(SocketException.class).hasMessageContaining("reset");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.sessions() == 0);
    }

    @Test
    void withNoGreetingNewConnectionsHearNothingButStillAnswerUntilCleared() {
        sim.inject(Fault.NO_GREETING);
        try (EslTestClient silent = EslTestClient.connect(sim)) {
            silent.timeout(500);
            assertThatThrownBy(silent::read).hasCauseInstanceOf(SocketTimeoutException.class);
            silent.timeout(5_000);
            silent.send("auth ClueCon");
            assertThat(silent.read().header("Reply-Text")).isEqualTo("+OK accepted");
        }
        sim.clearFaults();
        try (EslTestClient greeted = EslTestClient.connect(sim)) {
            assertThat(greeted.read().rawHead()).isEqualTo("Content-Type: auth/request\n\n");
        }
    }

    @Test
    void aSlowReaderLosesCountedEventsButNeverAPartOfOneAndKeepsItsSession() {
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", "event plain HEARTBEAT")) {
            int fired = 0;
            while (sim.lostEvents() == 0 && fired < 200_000) {
                sim.heartbeat();
                fired++;
            }
            long lost = sim.lostEvents();
            assertThat(lost).as("the queue is bounded").isPositive();

            client.send("api version");
            int received = 0;
            long lastSequence = 0;
            Frame frame;
            while ("text/event-plain".equals((frame = client.read()).header("Content-Type"))) {
                assertThat(Integer.parseInt(frame.header("Content-Length"))).isEqualTo(frame.body().length);
                long sequence = Long.parseLong(frame.event("Event-Sequence"));
                assertThat(sequence).isGreaterThan(lastSequence);
                lastSequence = sequence;
                received++;
            }
            assertThat(frame.header("Content-Type")).isEqualTo("api/response");
            assertThat(received + lost).as("every event delivered or counted as lost").isEqualTo(fired);
            assertThat(sim.sessions()).isEqualTo(1);
        }
    }

    @Test
    void theLoadGeneratorPlaysCallsAtItsRateUntilStopped() {
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", "event plain CHANNEL_CREATE")) {
            sim.startLoad(200, "load.example.com");
            for (int i = 0; i < 40; i++) {
                assertThat(client.read().event("Channel-Name")).endsWith("@load.example.com");
            }
            sim.stopLoad();
            long played = sim.loadCalls();
            assertThat(played).isGreaterThanOrEqualTo(40);
            await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                    .until(() -> sim.loadCalls() == played);
        }
    }

    @Test
    void theCallRateOptionStartsTheLoadWithTheSimulator() {
        try (EslSimulator loaded = EslSimulator.start(EslSimulator.Options.defaults().callsPerSecond(50))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> loaded.loadCalls() >= 10);
        }
        assertThatThrownBy(() -> EslSimulator.Options.defaults().callsPerSecond(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
