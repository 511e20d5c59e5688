package io.pbxhub.testsupport.esl;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pbxhub.testsupport.esl.EslTestClient.Frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The inbound Event Socket conversation, checked byte for byte against mod_event_socket's replies. */
class EslProtocolTest {

    private static final String PASSWORD = "s3cret";

    private EslSimulator sim;

    @BeforeEach
    void start() {
        sim = EslSimulator.start(EslSimulator.Options.defaults().password(PASSWORD).port(0));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void greetsWithAuthRequestBeforeTheClientSendsAnything() {
        try (EslTestClient client = EslTestClient.connect(sim)) {
            Frame greeting = client.read();

            assertThat(greeting.rawHead()).isEqualTo("Content-Type: auth/request\n\n");
            assertThat(greeting.body()).isEmpty();
        }
    }

    @Test
    void acceptsTheRightPassword() {
        try (EslTestClient client = EslTestClient.connect(sim)) {
            client.read();
            client.send("auth " + PASSWORD);

            assertThat(client.read().rawHead()).isEqualTo("Content-Type: command/reply\nReply-Text: +OK accepted\n\n");
        }
    }

    @Test
    void refusesAWrongPasswordThenSaysGoodbyeAndCloses() {
        try (EslTestClient client = EslTestClient.connect(sim)) {
            client.read();
            client.send("auth " + PASSWORD.toUpperCase(Locale.ROOT));

            assertThat(client.read().rawHead()).isEqualTo("Content-Type: command/reply\nReply-Text: -ERR invalid\n\n");
            assertThat(client.read().header("Content-Type")).isEqualTo("text/disconnect-notice");
            assertThat(client.closedByServer()).isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.sessions() == 0);
    }

    @Test
    void refusesEveryOtherCommandBeforeAuthButKeepsTheConnection() {
        try (EslTestClient client = EslTestClient.connect(sim)) {
            client.read();
            for (String command : new String[]{"api status", "event plain ALL", "bgapi status", "noevents"}) {
                client.send(command);
                assertThat(client.read().header("Reply-Text")).as(command).isEqualTo("-ERR command not found");
            }
            client.send("auth " + PASSWORD);
            assertThat(client.read().header("Reply-Text")).isEqualTo("+OK accepted");
        }
    }

    @Test
    void acceptsCrlfLineEndsAndStrayBlankLinesBeforeACommand() {
        try (EslTestClient client = EslTestClient.connect(sim)) {
            client.read();
            client.sendRaw("\r\n\r\nauth " + PASSWORD + "\r\n\r\n");
            assertThat(client.read().header("Reply-Text")).isEqualTo("+OK accepted");

            client.sendRaw("api version\r\n\r\n");
            assertThat(client.read().header("Content-Type")).isEqualTo("api/response");
        }
    }

    @Test
    void exitSaysByeThenSendsTheDisconnectNoticeAndCloses() {
        try (EslTestClient client = EslTestClient.subscribed(sim, PASSWORD, "event plain ALL")) {
            client.send("exit");

            assertThat(client.read().rawHead()).isEqualTo("Content-Type: command/reply\nReply-Text: +OK bye\n\n");
            Frame notice = client.read();
            assertThat(notice.rawHead()).isEqualTo("Content-Type: text/disconnect-notice\nContent-Length: 67\n\n");
            assertThat(notice.bodyText())
                    .isEqualTo("Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n");
            assertThat(client.closedByServer()).isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> sim.sessions() == 0);
    }

    @Test
    void apiStatusIsOneApiResponseFrameWithItsExactByteLength() {
        try (EslTestClient client = EslTestClient.subscribed(sim, PASSWORD, null)) {
            client.send("api status");
            Frame status = client.read();

            assertThat(status.headerOrder()).containsExactly("Content-Type", "Content-Length");
            assertThat(status.header("Content-Type")).isEqualTo("api/response");
            assertThat(Integer.parseInt(status.header("Content-Length"))).isEqualTo(status.body().length);
            assertThat(status.bodyText()).startsWith("UP 0 years, 0 days, 0 hours, ")
                    .contains("\nFreeSWITCH (Version 1.10.12 -release 64bit) is ready\n")
                    .contains("\n0 session(s) since startup\n").endsWith("Current Stack Size/Max 240K/8192K\n");

            sim.play(SimulatedCall.answered("1001", "1800123456", "pbx.example.com", 3));
            client.send("api status");
            assertThat(client.read().bodyText()).as("no command/reply and no event sneaks in")
                    .contains("\n1 session(s) since startup\n");
        }
    }

    @Test
    void apiVersionShowCallsCountAndUnknownCommandsAnswerLikeModCommands() {
        try (EslTestClient client = EslTestClient.subscribed(sim, PASSWORD, null)) {
            client.send("api version");
            assertThat(client.read().bodyText())
                    .isEqualTo("FreeSWITCH Version 1.10.12-release~64bit (-release 64bit)\n");
            client.send("api show calls count");
            assertThat(client.read().bodyText()).isEqualTo("\n0 total.\n");
            client.send("api no_such_thing with args");
            assertThat(client.read().bodyText()).isEqualTo("-ERR no_such_thing Command not found!\n");
            client.send("launch rockets");
            assertThat(client.read().header("Reply-Text")).isEqualTo("-ERR command not found");
        }
    }

    @Test
    void bgapiRepliesWithTheJobUuidThenFiresBackgroundJobToItsSubscribers() {
        try (EslTestClient client = EslTestClient.subscribed(sim, PASSWORD, "event plain BACKGROUND_JOB");
                EslTestClient other = EslTestClient.subscribed(sim, PASSWORD, "event plain CHANNEL_CREATE")) {
            client.send("bgapi status");
            Frame reply = client.read();
            String job = reply.header("Job-UUID");

            assertThat(job).matches("[0-9a-f-]{36}");
            assertThat(reply.rawHead()).isEqualTo(
                    "Content-Type: command/reply\nReply-Text: +OK Job-UUID: " + job + "\nJob-UUID: " + job + "\n\n");
            Frame event = client.read();
            assertThat(event.header("Content-Type")).isEqualTo("text/event-plain");
            assertThat(event.event("Event-Name")).isEqualTo("BACKGROUND_JOB");
            assertThat(event.event("Job-UUID")).isEqualTo(job);
            assertThat(event.event("Job-Command")).isEqualTo("status");
            assertThat(event.eventHeaders()).doesNotContainKey("Job-Command-Arg");
            assertThat(event.event("Core-UUID")).isEqualTo(sim.coreUuid());
            String text = event.bodyText();
            String result = text.substring(text.indexOf("\n\n") + 2);
            assertThat(result).startsWith("UP ");
            assertThat(Integer.parseInt(event.event("Content-Length")))
                    .isEqualTo(result.getBytes(StandardCharsets.UTF_8).length);

            assertThat(other.nextAfterRoundTrip().header("Content-Type")).as("not subscribed to BACKGROUND_JOB")
                    .isEqualTo("api/response");
        }
    }

    @Test
    void bgapiKeepsAJobUuidTheClientChoseAndReportsTheArgument() {
        try (EslTestClient client = EslTestClient.subscribed(sim, PASSWORD, "event plain BACKGROUND_JOB")) {
            client.sendRaw("bgapi originate user/1001 &park\nJob-UUID: my-job-1\n\n");

            assertThat(client.read().header("Job-UUID")).isEqualTo("my-job-1");
            Frame event = client.read();
            assertThat(event.event("Job-UUID")).isEqualTo("my-job-1");
            assertThat(event.rawEventHeaders().get("Job-Command-Arg")).isEqualTo("user/1001%20%26park");
            assertThat(event.bodyText()).as("1001 never registered").endsWith("\n\n-ERR USER_NOT_REGISTERED\n");
        }
    }

    @Test
    void eventWithoutAKnownEventNameIsRefused() {
        try (EslTestClient client = EslTestClient.subscribed(sim, PASSWORD, null)) {
            client.send("event plain");
            assertThat(client.read().header("Reply-Text")).isEqualTo("-ERR no keywords supplied");
            client.send("event plain NOT_AN_EVENT");
            assertThat(client.read().header("Reply-Text")).isEqualTo("-ERR no keywords supplied");
            client.send("event channel_create");
            assertThat(client.read().header("Reply-Text")).as("names are case-insensitive, plain is the default")
                    .isEqualTo("+OK event listener enabled plain");
            client.send("event json CHANNEL_ANSWER");
            assertThat(client.read().header("Reply-Text")).isEqualTo("+OK event listener enabled json");
        }
    }

    @Test
    void nixeventAndNoeventsStopDelivery() {
        try (EslTestClient client = EslTestClient.subscribed(sim, PASSWORD, null)) {
            client.send("noevents");
            assertThat(client.read().header("Reply-Text")).isEqualTo("-ERR not listening for events");
            client.send("event plain ALL");
            client.read();
            client.send("nixevent CHANNEL_ANSWER");
            assertThat(client.read().header("Reply-Text")).isEqualTo("+OK events nixed");

            sim.play(SimulatedCall.answered("1001", "61291234567", "pbx.example.com", 65));
            assertThat(client.read().event("Event-Name")).isEqualTo("CHANNEL_CREATE");
            assertThat(client.read().event("Event-Name")).isEqualTo("CHANNEL_HANGUP_COMPLETE");

            client.send("noevents");
            assertThat(client.read().header("Reply-Text")).isEqualTo("+OK no longer listening for events");
            sim.play(SimulatedCall.answered("1001", "61291234567", "pbx.example.com", 65));
            assertThat(client.nextAfterRoundTrip().header("Content-Type")).isEqualTo("api/response");
        }
    }

    @Test
    void awaitSubscribersWaitsForAnEventSubscriptionNotJustALogin() {
        try (EslTestClient loggedIn = EslTestClient.subscribed(sim, PASSWORD, null)) {
            assertThatThrownBy(() -> sim.awaitSubscribers(1, Duration.ofMillis(300)))
                    .isInstanceOf(IllegalStateException.class);

            loggedIn.send("event plain CHANNEL_CREATE");
            sim.awaitSubscribers(1, Duration.ofSeconds(5));
            assertThat(loggedIn.read().header("Reply-Text")).isEqualTo("+OK event listener enabled plain");
        }
    }

    @Test
    void aClientThatDropsDoesNotDisturbTheOthers() throws Exception {
        try (EslTestClient staying = EslTestClient.subscribed(sim, PASSWORD, "event plain ALL")) {
            EslTestClient leaving = EslTestClient.subscribed(sim, PASSWORD, "event plain ALL");
            sim.awaitSubscribers(2, Duration.ofSeconds(5));
            Socket raw = new Socket(sim.host(), sim.port());
            raw.setSoLinger(true, 0);
            raw.close(); // reset before even reading the greeting
            leaving.close();

            for (int i = 0; i < 20; i++) {
                sim.play(SimulatedCall.answered("1001", "61291234567", "pbx.example.com", 10 + i));
            }
            for (int i = 0; i < 60; i++) {
                assertThat(staying.read().header("Content-Type")).isEqualTo("text/event-plain");
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> sim.sessions() == 1);
            try (EslTestClient late = EslTestClient.subscribed(sim, PASSWORD, "event plain CHANNEL_CREATE")) {
                sim.play(SimulatedCall.unanswered("1002", "1300123456", "pbx.example.com", "USER_BUSY"));
                assertThat(late.read().event("Event-Name")).isEqualTo("CHANNEL_CREATE");
            }
        }
    }
}
