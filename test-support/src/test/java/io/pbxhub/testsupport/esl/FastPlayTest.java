package io.pbxhub.testsupport.esl;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.pbxhub.testsupport.esl.EslTestClient.Frame;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link EslSimulator#playFast}: the frames of {@code play}, header for header, apart from the Event-Sequence. */
class FastPlayTest {

    private static final String THREE = "event plain CHANNEL_CREATE CHANNEL_ANSWER CHANNEL_HANGUP_COMPLETE";
    private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");

    private EslSimulator sim;

    @BeforeEach
    void start() {
        sim = EslSimulator.start(EslSimulator.Options.defaults().zone(SYDNEY));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    static Stream<SimulatedCall> calls() {
        Instant start = Instant.parse("2025-03-04T05:06:07.987654Z");
        return Stream.of(
                SimulatedCall.answered("1001", "61291234567", "pbx.example.com", 65),
                SimulatedCall.unanswered("1002", "0299998888", "pbx.example.com", "NO_ANSWER"),
                SimulatedCall.inbound("+61291234567", "1001", "pbx.example.com", 3),
                SimulatedCall.local("1001", "1002", "pbx.example.com", 1).withCallerIdName("Extension 1001 Müller"),
                // 100 ms after the start a new second begins: progresssec is 1, not 0
                SimulatedCall.answered("1003", "0412345678", "other.example.com", 7).withStart(start),
                SimulatedCall.answered("1003", "0412345678", "other.example.com", 7)
                        .withStart(start.minusMillis(500)).withRingSeconds(0),
                // a '%' is kept as is when hex digits follow, so such a name is played the slow way
                SimulatedCall.answered("1004", "0412345678", "pbx.example.com", 9).withCallerIdName("100%AB"));
    }

    @ParameterizedTest
    @MethodSource("calls")
    void fastFramesCarryTheSameHeadersAsPlayedOnes(SimulatedCall call) {
        SwitchClock clock = new SwitchClock(SYDNEY);
        CallFrames templates = new CallFrames(new CallEventFactory(EventCaptures.get(), clock, sim.coreUuid()), clock);
        assertThat(templates.frames(call, 1)).as("written from templates").matches(
                frames -> frames.isPresent() != call.callerIdName().contains("%"));
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", THREE)) {
            sim.awaitSubscribers(1, Duration.ofSeconds(5));
            int events = call.answered() ? 3 : 2;

            sim.play(call);
            List<Frame> slow = read(client, events);
            sim.playFast(call);
            List<Frame> fast = read(client, events);

            for (int i = 0; i < events; i++) {
                assertThat(Integer.parseInt(fast.get(i).header("Content-Length"))).isEqualTo(fast.get(i).body().length);
                assertThat(fast.get(i).headerOrder()).containsExactly("Content-Length", "Content-Type");
                assertThat(Long.parseLong(fast.get(i).event("Event-Sequence")))
                        .isEqualTo(Long.parseLong(slow.get(i).event("Event-Sequence")) + events);
                assertThat(withoutSequence(fast.get(i))).as("event %d", i).isEqualTo(withoutSequence(slow.get(i)));
            }
        }
    }

    @Test
    void manyFastCallsKeepTheirOwnValuesAndSequencesInOrder() {
        try (EslTestClient client = EslTestClient.subscribed(sim, "ClueCon", THREE)) {
            sim.awaitSubscribers(1, Duration.ofSeconds(5));
            List<SimulatedCall> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                SimulatedCall call = SimulatedCall.answered(String.valueOf(1001 + i % 10), "02" + (90_000_000 + i),
                        "load.example.com", 1 + i % 3);
                calls.add(call);
                sim.playFast(call);
            }
            long last = 0;
            for (SimulatedCall call : calls) {
                List<Frame> frames = read(client, 3);
                for (Frame f : frames) {
                    assertThat(f.event("Unique-ID")).isEqualTo(call.uuid());
                    assertThat(f.event("Caller-Caller-ID-Number")).isEqualTo(call.callerIdNumber());
                    assertThat(f.event("Caller-Destination-Number")).isEqualTo(call.destinationNumber());
                    assertThat(f.event("Core-UUID")).isEqualTo(sim.coreUuid());
                    long sequence = Long.parseLong(f.event("Event-Sequence"));
                    assertThat(sequence).isEqualTo(last + 1);
                    last = sequence;
                }
                assertThat(frames.get(2).event("variable_billsec")).isEqualTo(Integer.toString(call.billsec()));
                assertThat(frames.get(2).event("variable_sip_call_id")).isEqualTo(call.uuid().replace("-", ""));
            }
            assertThat(sim.eventsFired()).isEqualTo(last);
        }
    }

    @Test
    void aJsonSessionGetsTheEventsBuiltAsPlayBuildsThem() {
        SimulatedCall call = SimulatedCall.answered("1001", "61291234567", "pbx.example.com", 65);
        try (EslTestClient plain = EslTestClient.subscribed(sim, "ClueCon", THREE);
                EslTestClient json = EslTestClient.subscribed(sim, "ClueCon",
                        "event json CHANNEL_CREATE CHANNEL_ANSWER CHANNEL_HANGUP_COMPLETE")) {
            sim.awaitSubscribers(2, Duration.ofSeconds(5));
            sim.playFast(call);

            List<Frame> plainFrames = read(plain, 3);
            List<Frame> jsonFrames = read(json, 3);
            for (int i = 0; i < 3; i++) {
                assertThat(jsonFrames.get(i).header("Content-Type")).isEqualTo("text/event-json");
                assertThat(jsonFrames.get(i).bodyText()).contains("\"Event-Sequence\":\""
                        + plainFrames.get(i).event("Event-Sequence") + "\"")
                        .contains("\"Unique-ID\":\"" + call.uuid() + "\"");
            }
        }
    }

    private static List<Frame> read(EslTestClient client, int n) {
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            frames.add(client.read());
        }
        return frames;
    }

    /** Every header in order, decoded as the simulator reads captures, the Event-Sequence left out. */
    private static List<EslEvent.Header> withoutSequence(Frame frame) {
        List<EslEvent.Header> headers = new ArrayList<>(EventCaptures.parsePlainEvent(frame.bodyText()).headers());
        headers.removeIf(h -> h.name().equals("Event-Sequence"));
        return headers;
    }
}
