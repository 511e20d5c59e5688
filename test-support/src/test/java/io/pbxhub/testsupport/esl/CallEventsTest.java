package io.pbxhub.testsupport.esl;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.pbxhub.testsupport.esl.EslTestClient.Frame;

import static org.assertj.core.api.Assertions.assertThat;

/** What a played call looks like on the wire: which events, in which order, with which values. */
class CallEventsTest {

    private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final String THREE = "event plain CHANNEL_CREATE CHANNEL_ANSWER CHANNEL_HANGUP_COMPLETE";
    /** 2025-03-04 05:06:07.987654 UTC: a start with a sub-second part, so truncation matters. */
    private static final Instant START = Instant.parse("2025-03-04T05:06:07.987654Z");
    private static final long START_MICROS = 1_741_064_767_987_654L;

    private EslSimulator sim;

    @BeforeEach
    void start() {
        sim = EslSimulator.start(EslSimulator.Options.defaults().zone(SYDNEY));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void playDeliversCreateAnswerAndHangupCompleteInOrderWithExactLengths() {
        SimulatedCall call = SimulatedCall.answered("1001", "61291234567", "pbx.example.com", 65);
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", THREE)) {
            sim.awaitSubscribers(1, Duration.ofSeconds(5));
            sim.play(call);

            List<Frame> frames = List.of(client.read(), client.read(), client.read());
            assertThat(frames).extracting(f -> f.event("Event-Name")).containsExactly("CHANNEL_CREATE",
                    "CHANNEL_ANSWER", "CHANNEL_HANGUP_COMPLETE");
            List<Long> sequences = new ArrayList<>();
            for (Frame f : frames) {
                assertThat(f.headerOrder()).containsExactly("Content-Length", "Content-Type");
                assertThat(f.header("Content-Type")).isEqualTo("text/event-plain");
                assertThat(Integer.parseInt(f.header("Content-Length"))).isEqualTo(f.body().length);
                assertThat(f.bodyText()).startsWith("Event-Name: ").endsWith("\n\n");
                assertThat(f.event("Unique-ID")).isEqualTo(call.uuid());
                assertThat(f.event("Channel-Call-UUID")).isEqualTo(call.uuid());
                assertThat(f.event("Caller-Unique-ID")).isEqualTo(call.uuid());
                assertThat(f.event("Core-UUID")).isEqualTo(sim.coreUuid());
                assertThat(f.event("Call-Direction")).as("the caller's leg comes into the switch").isEqualTo("inbound");
                sequences.add(Long.parseLong(f.event("Event-Sequence")));
            }
            assertThat(sequences).isSorted().doesNotHaveDuplicates();
            assertThat(frames).extracting(f -> f.event("Answer-State")).containsExactly("ringing", "answered",
                    "hangup");
            assertThat(frames).extracting(f -> f.event("Channel-Call-State")).containsExactly("DOWN", "RINGING",
                    "HANGUP");
        }
    }

    @Test
    void valuesAreUrlEncodedAsFreeSwitchWritesThem() {
        SimulatedCall call = SimulatedCall.answered("1001", "61291234567", "pbx.example.com", 65)
                .withCallerIdName("Extension 1001 Müller");
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", "event plain CHANNEL_CREATE")) {
            sim.play(call);
            Frame create = client.read();
            Map<String, String> raw = create.rawEventHeaders();

            assertThat(raw.get("Caller-Caller-ID-Name")).isEqualTo("Extension%201001%20M%C3%BCller");
            assertThat(raw.get("Channel-Presence-ID")).isEqualTo("1001%40pbx.example.com");
            assertThat(raw.get("Caller-Channel-Name")).isEqualTo("sofia/internal/1001%40pbx.example.com");
            assertThat(raw.get("Event-Date-Local")).matches("\\d{4}-\\d{2}-\\d{2}%20\\d{2}%3A\\d{2}%3A\\d{2}");
            assertThat(raw.get("Event-Date-GMT"))
                    .matches("[A-Z][a-z]{2},%20\\d{2}%20[A-Z][a-z]{2}%20\\d{4}%20\\d{2}%3A\\d{2}%3A\\d{2}%20GMT");
            // every line of the body is "Name: value" with nothing left unescaped in the value
            for (String value : raw.values()) {
                assertThat(value).doesNotContain(" ", "\r", ":", "@").matches("\\p{ASCII}*");
            }
            assertThat(create.bodyText()).as("url-encoding leaves only ASCII on the wire").matches("\\p{ASCII}*");
        }
    }

    @Test
    void hangupCompleteCarriesConsistentCdrVariables() {
        SimulatedCall call = SimulatedCall.answered("1001", "61291234567", "pbx.example.com", 65).withStart(START)
                .withCallerIdName("Extension 1001");
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", THREE)) {
            sim.play(call);
            Frame answer = skipTo(client, "CHANNEL_ANSWER");
            Map<String, String> e = client.read().eventHeaders();

            long end = START_MICROS + 70_000_000L;
            assertThat(e.get("variable_duration")).isEqualTo("70");
            assertThat(Long.parseLong(e.get("variable_duration")))
                    .isEqualTo(Long.parseLong(e.get("variable_billsec")) + call.ringSeconds());
            assertThat(e.get("variable_billsec")).isEqualTo("65");
            assertThat(e.get("variable_start_epoch")).isEqualTo("1741064767");
            assertThat(e.get("variable_answer_epoch")).isEqualTo("1741064772");
            assertThat(e.get("variable_end_epoch")).isEqualTo("1741064837");
            assertThat(e.get("variable_start_uepoch")).isEqualTo(Long.toString(START_MICROS));
            assertThat(e.get("variable_answer_uepoch")).isEqualTo(Long.toString(START_MICROS + 5_000_000L));
            assertThat(e.get("variable_end_uepoch")).isEqualTo(Long.toString(end));
            assertThat(e.get("variable_uduration")).isEqualTo("70000000");
            assertThat(e.get("variable_billmsec")).isEqualTo("65000");
            assertThat(e.get("variable_start_stamp")).isEqualTo("2025-03-04 16:06:07");
            assertThat(e.get("variable_answer_stamp")).isEqualTo("2025-03-04 16:06:12");
            assertThat(e.get("variable_end_stamp")).isEqualTo("2025-03-04 16:07:17");
            assertThat(e.get("Event-Date-Local")).isEqualTo("2025-03-04 16:07:17");
            assertThat(e.get("Event-Date-GMT")).isEqualTo("Tue, 04 Mar 2025 05:07:17 GMT");
            assertThat(e.get("Event-Date-Timestamp")).isEqualTo(Long.toString(end));
            assertThat(e.get("Caller-Channel-Created-Time")).isEqualTo(Long.toString(START_MICROS));
            assertThat(e.get("Caller-Channel-Answered-Time")).isEqualTo(e.get("variable_answer_uepoch"))
                    .isEqualTo(answer.event("Event-Date-Timestamp"));
            assertThat(e.get("Caller-Channel-Hangup-Time")).isEqualTo(Long.toString(end));

            assertThat(e.get("Hangup-Cause")).isEqualTo("NORMAL_CLEARING");
            assertThat(e.get("variable_hangup_cause")).isEqualTo("NORMAL_CLEARING");
            assertThat(e.get("variable_hangup_cause_q850")).isEqualTo("16");
            assertThat(e.get("variable_sip_hangup_disposition")).isEqualTo("recv_bye");
            assertThat(e.get("variable_uuid")).isEqualTo(call.uuid());
            assertThat(e.get("variable_call_uuid")).isEqualTo(call.uuid());
            assertThat(e.get("variable_direction")).isEqualTo("inbound");
            assertThat(e.get("variable_call_direction")).isEqualTo("outbound");
            assertThat(e.get("variable_domain_name")).isEqualTo("pbx.example.com");
            assertThat(e.get("variable_caller_id_name")).isEqualTo("Extension 1001");
            assertThat(e.get("variable_caller_id_number")).isEqualTo("1001");
            assertThat(e.get("variable_destination_number")).isEqualTo("61291234567");
            assertThat(e.get("Caller-Destination-Number")).isEqualTo("61291234567");
            assertThat(e.get("variable_bridge_uuid")).isNotEqualTo(call.uuid()).isEqualTo(e.get("Other-Leg-Unique-ID"));
            assertThat(e.get("Channel-State")).isEqualTo("CS_REPORTING");
        }
    }

    @Test
    void anUnansweredCallEmitsCreateThenHangupCompleteOnly() {
        SimulatedCall call = SimulatedCall.unanswered("1002", "1800123456", "pbx.example.com", "NO_ANSWER")
                .withStart(START).withRingSeconds(30);
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", "event plain ALL")) {
            sim.play(call);

            assertThat(client.read().event("Event-Name")).isEqualTo("CHANNEL_CREATE");
            Map<String, String> e = client.read().eventHeaders();
            assertThat(e.get("Event-Name")).isEqualTo("CHANNEL_HANGUP_COMPLETE");
            assertThat(client.nextAfterRoundTrip().header("Content-Type")).isEqualTo("api/response");

            assertThat(e.get("variable_billsec")).isEqualTo("0");
            assertThat(e.get("variable_duration")).isEqualTo("30");
            assertThat(e.get("variable_answer_epoch")).isEqualTo("0");
            assertThat(e.get("variable_answer_uepoch")).isEqualTo("0");
            assertThat(e.get("Caller-Channel-Answered-Time")).isEqualTo("0");
            assertThat(e.get("variable_end_epoch")).isEqualTo(Long.toString(START.getEpochSecond() + 30));
            assertThat(e).doesNotContainKeys("variable_answer_stamp", "variable_bridge_uuid", "variable_bridge_stamp");
            assertThat(e.get("Hangup-Cause")).isEqualTo("NO_ANSWER");
            assertThat(e.get("variable_hangup_cause_q850")).isEqualTo("19");
            assertThat(e.get("variable_end_stamp")).isEqualTo(LOCAL.format(START.plusSeconds(30).atZone(SYDNEY)));
        }
    }

    @ParameterizedTest
    @CsvSource({"USER_BUSY,17,send_refuse", "ORIGINATOR_CANCEL,487,recv_cancel", "NO_ANSWER,19,send_refuse"})
    void hangupCausesCarryTheirQ850CodeAndDisposition(String cause, String q850, String disposition) {
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", "event plain CHANNEL_HANGUP_COMPLETE")) {
            sim.play(SimulatedCall.unanswered("1003", "61398765432", "pbx.example.com", cause));
            Map<String, String> e = client.read().eventHeaders();

            assertThat(e.get("variable_hangup_cause")).isEqualTo(cause);
            assertThat(e.get("variable_hangup_cause_q850")).isEqualTo(q850);
            assertThat(e.get("variable_sip_hangup_disposition")).isEqualTo(disposition);
        }
    }

    @Test
    void unsubscribedEventsAreNotDelivered() {
        try (EslTestClient hangups = EslTestClient.subscribed(sim, "ClueCon", "event plain CHANNEL_HANGUP_COMPLETE");
                EslTestClient others = EslTestClient.subscribed(sim, "ClueCon", "event plain HEARTBEAT DTMF")) {
            sim.play(SimulatedCall.answered("1001", "61291234567", "pbx.example.com", 65));

            assertThat(hangups.read().event("Event-Name")).isEqualTo("CHANNEL_HANGUP_COMPLETE");
            assertThat(hangups.nextAfterRoundTrip().header("Content-Type")).isEqualTo("api/response");
            assertThat(others.nextAfterRoundTrip().header("Content-Type")).isEqualTo("api/response");
        }
    }

    @Test
    void noIdentifierOfTheCapturedCallLeaksIntoASimulatedOne() {
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", "event plain ALL")) {
            sim.play(SimulatedCall.answered("1004", "61291234567", "pbx.example.com", 42));
            for (int i = 0; i < 3; i++) {
                String body = client.read().bodyText();
                assertThat(body).doesNotContain("78b86350-4fb8-4d2b-a629-1eeafd7d2f74",
                        "9bc34cb7-1d0a-4c89-8d47-9dc25faa160f", "8694f653-55e0-42ed-98d8-4983e2b6d248",
                        "dan-win8-dev.home", "Dan%20X-Lite", "Extension%201001", "%401003");
            }
        }
    }

    @Test
    void jsonSubscribersGetUnencodedValuesAndArraysWithByteLengths() {
        SimulatedCall call = SimulatedCall.answered("1001", "61291234567", "pbx.example.com", 65)
                .withCallerIdName("Extension 1001 Müller \"the boss\"");
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", "event json CHANNEL_HANGUP_COMPLETE")) {
            sim.play(call);
            Frame frame = client.read();
            String json = frame.bodyText();

            assertThat(frame.header("Content-Type")).isEqualTo("text/event-json");
            assertThat(Integer.parseInt(frame.header("Content-Length")))
                    .isEqualTo(json.getBytes(StandardCharsets.UTF_8).length).as("the ü is two bytes")
                    .isGreaterThan(json.length());
            assertThat(json).startsWith("{\"Event-Name\":\"CHANNEL_HANGUP_COMPLETE\",").endsWith("}")
                    .contains("\"Caller-Caller-ID-Name\":\"Extension 1001 Müller \\\"the boss\\\"\"")
                    .contains("\"variable_DP_MATCH\":[\"61291234567\",\"61291234567\"]")
                    .contains("\"variable_billsec\":\"65\"");
        }
    }

    private static Frame skipTo(EslTestClient client, String eventName) {
        while (true) {
            Frame f = client.read();
            if (eventName.equals(f.event("Event-Name"))) {
                return f;
            }
        }
    }
}
