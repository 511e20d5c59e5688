package io.pbxhub.esl.call;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.pbxhub.contracts.Direction;
import io.pbxhub.contracts.RawCdr;
import io.pbxhub.esl.connection.EslInstance;
import io.pbxhub.esl.protocol.EslEvent;
import io.pbxhub.esl.protocol.WireCaptures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No licensed capture of a CHANNEL_HANGUP_COMPLETE exists, so these tests take the real CHANNEL_HANGUP of each leg from
 * the NEventSocket session and add the CDR variables FreeSWITCH sets at hangup (see src/test/resources/esl/SOURCES.md).
 */
class RawCdrBuilderTest {

    private static final String A_LEG = "78b86350-4fb8-4d2b-a629-1eeafd7d2f74";
    private static final String B_LEG = "9bc34cb7-1d0a-4c89-8d47-9dc25faa160f";
    private static final EslInstance PBX = new EslInstance(UUID.randomUUID(), "tenant-1", "pbx", 8021);

    private final RawCdrBuilder builder = new RawCdrBuilder();

    @Test
    void aLegCdrTakesItsFieldsFromTheCdrVariables() {
        RawCdr cdr = builder.build(PBX, hangupComplete(0, vars(
                "variable_call_direction", "outbound",
                "variable_caller_id_number", "1001",
                "variable_destination_number", "61291234567",
                "variable_start_epoch", "1420557157", "variable_start_uepoch", "1420557157855728",
                "variable_answer_epoch", "1420557162", "variable_answer_uepoch", "1420557162000000",
                "variable_end_epoch", "1420557227", "variable_end_uepoch", "1420557227500000",
                "variable_duration", "70", "variable_billsec", "65",
                "variable_hangup_cause", "NORMAL_CLEARING", "variable_hangup_cause_q850", "16")));

        assertThat(cdr.cdrUuid()).isEqualTo(A_LEG);
        assertThat(cdr.leg()).isEqualTo(RawCdr.Leg.A);
        assertThat(cdr.source()).isEqualTo(RawCdr.Source.ESL);
        assertThat(cdr.instanceId()).isEqualTo(PBX.instanceId());
        assertThat(cdr.tenantId()).isEqualTo("tenant-1");
        assertThat(cdr.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(cdr.callerIdNumber()).isEqualTo("1001");
        assertThat(cdr.callerIdName()).isEqualTo("Dan X-Lite");
        assertThat(cdr.destinationNumber()).isEqualTo("61291234567");
        assertThat(cdr.domain()).isEqualTo("dan-win8-dev.home");
        assertThat(cdr.extension()).isEqualTo("1001");
        assertThat(cdr.startTime()).isEqualTo(Instant.parse("2015-01-06T15:12:37.855728Z"));
        assertThat(cdr.answerTime()).isEqualTo(Instant.parse("2015-01-06T15:12:42Z"));
        assertThat(cdr.endTime()).isEqualTo(Instant.parse("2015-01-06T15:13:47.500Z"));
        assertThat(cdr.duration()).isEqualTo(70);
        assertThat(cdr.billsec()).isEqualTo(65);
        assertThat(cdr.hangupCause()).isEqualTo("NORMAL_CLEARING");
        assertThat(cdr.hangupCauseQ850()).isEqualTo(16);
        assertThat(cdr.bridgeUuid()).isEqualTo(B_LEG);
        assertThat(cdr.callUuid()).isEqualTo(A_LEG);
        assertThat(cdr.coreUuid()).isEqualTo("8694f653-55e0-42ed-98d8-4983e2b6d248");
        assertThat(cdr.eventSequence()).isEqualTo(5864L);
    }

    @Test
    void theOriginatedChannelIsTheBLeg() {
        RawCdr cdr = builder.build(PBX, hangupComplete(1, vars()));

        assertThat(cdr.cdrUuid()).isEqualTo(B_LEG);
        assertThat(cdr.leg()).isEqualTo(RawCdr.Leg.B);
        assertThat(cdr.callUuid()).isEqualTo(A_LEG);
    }

    @Test
    void anUnansweredCallHasNoAnswerTimeAndNoBillsec() {
        RawCdr cdr = builder.build(PBX, hangupComplete(0, vars(
                "variable_start_epoch", "1420557157", "variable_start_uepoch", "0",
                "variable_answer_epoch", "0", "variable_answer_uepoch", "0",
                "variable_end_epoch", "1420557187", "variable_end_uepoch", "0",
                "variable_hangup_cause", "NO_ANSWER", "variable_hangup_cause_q850", "19")));

        assertThat(cdr.startTime()).isEqualTo(Instant.ofEpochSecond(1420557157));
        assertThat(cdr.answerTime()).isNull();
        assertThat(cdr.endTime()).isEqualTo(Instant.ofEpochSecond(1420557187));
        // Without duration/billsec variables they are computed from the times.
        assertThat(cdr.duration()).isEqualTo(30);
        assertThat(cdr.billsec()).isZero();
        assertThat(cdr.hangupCause()).isEqualTo("NO_ANSWER");
        assertThat(cdr.hangupCauseQ850()).isEqualTo(19);
    }

    @Test
    void garbageNumbersDoNotBreakTheCdr() {
        RawCdr cdr = builder.build(PBX, hangupComplete(0, vars("variable_billsec", "lots",
                "variable_hangup_cause_q850", "_undef_", "variable_start_uepoch", "yesterday")));

        assertThat(cdr.billsec()).isZero();
        assertThat(cdr.hangupCauseQ850()).isNull();
        assertThat(cdr.startTime()).isNull();
    }

    @Test
    void onlyHangupCompleteMakesACdr() {
        assertThat(builder.build(PBX, WireCaptures.event(WireCaptures.EXAMPLE1, "CHANNEL_HANGUP", 0))).isNull();
    }

    private static Map<String, String> vars(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** The {@code leg}-th CHANNEL_HANGUP of the capture, renamed CHANNEL_HANGUP_COMPLETE, plus CDR variables. */
    private static EslEvent hangupComplete(int leg, Map<String, String> variables) {
        EslEvent hangup = WireCaptures.event(WireCaptures.EXAMPLE1, "CHANNEL_HANGUP", leg);
        Map<String, String> headers = new LinkedHashMap<>(hangup.rawHeaders());
        headers.put("Event-Name", "CHANNEL_HANGUP_COMPLETE");
        headers.putAll(variables);
        return new EslEvent(headers, null);
    }
}
