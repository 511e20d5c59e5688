package io.pbxhub.testsupport.esl;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pbxhub.testsupport.esl.EslTestClient.Frame;

import static org.assertj.core.api.Assertions.assertThat;

/** filter, log/nolog and the xml event format, byte for byte as mod_event_socket answers them. */
class EslCommandsTest {

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
    void filterRepliesNameTheHeaderAndValueAndBadSyntaxIsRefused() {
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", null)) {
            client.send("filter Caller-Caller-ID-Number 1001");
            assertThat(client.read().rawHead()).isEqualTo(
                    "Content-Type: command/reply\nReply-Text: +OK filter added. [Caller-Caller-ID-Number]=[1001]\n\n");
            client.send("filter add Event-Name CHANNEL_ANSWER");
            assertThat(client.read().header("Reply-Text"))
                    .isEqualTo("+OK filter added. [Event-Name]=[CHANNEL_ANSWER]");
            client.send("filter Unique-ID");
            assertThat(client.read().header("Reply-Text")).isEqualTo("-ERR invalid syntax");
            client.send("filter delete Caller-Caller-ID-Number 1001");
            assertThat(client.read().header("Reply-Text"))
                    .isEqualTo("+OK filter deleted. [Caller-Caller-ID-Number][1001]");
            client.send("filter delete all");
            assertThat(client.read().header("Reply-Text")).isEqualTo("+OK filter deleted. [all][]");
        }
    }

    @Test
    void onlyEventsMatchingAFilterAreDeliveredUntilTheFilterIsDeleted() {
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", "event plain CHANNEL_CREATE")) {
            client.send("filter Caller-Caller-ID-Number 1002");
            client.read();

            sim.play(SimulatedCall.answered("1001", "61291234567", DOMAIN, 5));
            SimulatedCall wanted = SimulatedCall.answered("1002", "61291234567", DOMAIN, 5);
            sim.play(wanted);
            Frame delivered = client.read();
            assertThat(delivered.event("Unique-ID")).isEqualTo(wanted.uuid());
            assertThat(client.nextAfterRoundTrip().header("Content-Type")).as("1001's call was filtered out")
                    .isEqualTo("api/response");

            client.send("filter delete Caller-Caller-ID-Number");
            client.read();
            SimulatedCall any = SimulatedCall.answered("1001", "61291234567", DOMAIN, 5);
            sim.play(any);
            assertThat(client.read().event("Unique-ID")).isEqualTo(any.uuid());
        }
    }

    @Test
    void aRegexFilterMatchesAndAMinusFilterExcludes() {
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", "event plain CHANNEL_CREATE")) {
            client.send("filter Caller-Caller-ID-Number /^EXT10[0-9]{2}$|^10[0-9]{2}$/i");
            client.read();
            client.send("filter Caller-Destination-Number -1800123456");
            client.read();

            sim.play(SimulatedCall.answered("555", "61291234567", DOMAIN, 5));
            sim.play(SimulatedCall.answered("1003", "1800123456", DOMAIN, 5));
            SimulatedCall wanted = SimulatedCall.answered("1004", "61291234567", DOMAIN, 5);
            sim.play(wanted);
            assertThat(client.read().event("Unique-ID")).isEqualTo(wanted.uuid());
            assertThat(client.nextAfterRoundTrip().header("Content-Type")).isEqualTo("api/response");
        }
    }

    @Test
    void logRepliesTheLevelWordAndNumberAndNologUndoesIt() {
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", null)) {
            client.send("nolog");
            assertThat(client.read().header("Reply-Text")).isEqualTo("-ERR not loging");
            client.send("log loud");
            assertThat(client.read().header("Reply-Text")).isEqualTo("-ERR invalid log level");
            client.send("log");
            assertThat(client.read().header("Reply-Text")).isEqualTo("+OK log level  [7]");
            client.send("log notice");
            assertThat(client.read().rawHead())
                    .isEqualTo("Content-Type: command/reply\nReply-Text: +OK log level notice [5]\n\n");
            client.send("log 3");
            assertThat(client.read().header("Reply-Text")).isEqualTo("+OK log level 3 [3]");
            client.send("log 12");
            assertThat(client.read().header("Reply-Text")).as("numbers are clamped").isEqualTo("+OK log level 12 [7]");
            client.send("nolog");
            assertThat(client.read().header("Reply-Text")).isEqualTo("+OK no longer logging");
        }
    }

    @Test
    void logLinesAreLogDataFramesWithTheChannelAsUserData() {
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", null)) {
            client.send("log notice");
            client.read();
            SimulatedCall call = SimulatedCall.unanswered("1001", "61291234567", DOMAIN, "NO_ANSWER");
            sim.play(call);

            Frame created = client.read();
            assertThat(created.headerOrder()).containsExactly("Content-Type", "Content-Length", "Log-Level",
                    "Text-Channel", "Log-File", "Log-Func", "Log-Line", "User-Data");
            assertThat(created.header("Content-Type")).isEqualTo("log/data");
            assertThat(created.header("Log-Level")).isEqualTo("5");
            assertThat(created.header("User-Data")).isEqualTo(call.uuid());
            assertThat(Integer.parseInt(created.header("Content-Length"))).isEqualTo(created.body().length);
            assertThat(created.bodyText())
                    .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6} \\[NOTICE\\] switch_channel\\.c:\\d+ "
                            + "New Channel sofia/internal/1001@pbx\\.example\\.com \\[" + call.uuid() + "\\]\n");
            assertThat(client.read().bodyText()).contains("Hangup sofia/internal/1001@pbx.example.com [CS_EXECUTE] "
                    + "[NO_ANSWER]\n");

            client.send("log err");
            client.read();
            sim.play(call.withUuid("2b7c1f36-8c4b-4a43-9b3e-0d36b1e51a00"));
            assertThat(client.nextAfterRoundTrip().header("Content-Type")).as("NOTICE is above err")
                    .isEqualTo("api/response");
        }
    }

    @Test
    void xmlEventsCarryUrlEncodedHeaderElementsAndTheExactLength() {
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", "event xml CHANNEL_CREATE")) {
            SimulatedCall call = SimulatedCall.answered("1001", "61291234567", DOMAIN, 5)
                    .withCallerIdName("Müller & Söhne <Sales>");
            sim.play(call);

            Frame frame = client.read();
            assertThat(frame.headerOrder()).containsExactly("Content-Length", "Content-Type");
            assertThat(frame.header("Content-Type")).isEqualTo("text/event-xml");
            assertThat(Integer.parseInt(frame.header("Content-Length"))).isEqualTo(frame.body().length);
            String xml = new String(frame.body(), StandardCharsets.UTF_8);
            assertThat(xml).startsWith("<event>\n  <headers>\n    <Event-Name>CHANNEL_CREATE</Event-Name>\n")
                    .endsWith("\n  </headers>\n</event>")
                    .contains("\n    <Unique-ID>" + call.uuid() + "</Unique-ID>\n")
                    .contains("\n    <Caller-Caller-ID-Name>M%C3%BCller%20%26%20S%C3%B6hne%20%3CSales%3E"
                            + "</Caller-Caller-ID-Name>\n")
                    .contains("<Channel-Name>sofia/internal/1001%40pbx.example.com</Channel-Name>");
        }
    }

    @Test
    void aBackgroundJobInXmlHasItsBodyAfterTheHeaders() {
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", "event xml BACKGROUND_JOB")) {
            client.send("bgapi version");
            client.read();
            String xml = client.read().bodyText();
            String output = "FreeSWITCH Version 1.10.12-release~64bit (-release 64bit)\n";
            assertThat(xml).endsWith("\n  </headers>\n  <Content-Length>" + output.length()
                    + "</Content-Length>\n  <body>" + output + "</body>\n</event>");
        }
    }
}
