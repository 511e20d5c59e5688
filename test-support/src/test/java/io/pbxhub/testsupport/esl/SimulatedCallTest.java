package io.pbxhub.testsupport.esl;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatedCallTest {

    @Test
    void anAnsweredCallEndedJustNowAfterRingingFiveSeconds() {
        SimulatedCall call = SimulatedCall.answered("1001", "61291234567", "pbx.example.com", 65);

        assertThat(call.direction()).isEqualTo("outbound");
        assertThat(call.hangupCause()).isEqualTo("NORMAL_CLEARING");
        assertThat(call.ringSeconds()).isEqualTo(5);
        assertThat(call.answered()).isTrue();
        assertThat(Duration.between(call.start(), call.end())).isEqualTo(Duration.ofSeconds(70));
        assertThat(Duration.between(call.end(), Instant.now()).abs()).isLessThan(Duration.ofSeconds(2));
        assertThat(call.uuid()).isNotEqualTo(SimulatedCall.answered("1001", "1", "d", 1).uuid());
    }

    @Test
    void anUnansweredCallHasNoBillsecAndKeepsItsCause() {
        SimulatedCall call = SimulatedCall.unanswered("1001", "1800123456", "pbx.example.com", "user_busy");

        assertThat(call.answered()).isFalse();
        assertThat(call.billsec()).isZero();
        assertThat(call.hangupCause()).isEqualTo("USER_BUSY");
    }

    @Test
    void copiesChangeOneThingOnly() {
        SimulatedCall call = SimulatedCall.answered("1001", "61291234567", "pbx.example.com", 65);
        SimulatedCall local = call.withDirection("local").withUuid("u-1");

        assertThat(local.direction()).isEqualTo("local");
        assertThat(local.uuid()).isEqualTo("u-1");
        assertThat(local.withUuid(call.uuid()).withDirection("outbound")).isEqualTo(call);
    }

    @Test
    void rejectsWhatFreeSwitchCouldNotHaveProduced() {
        SimulatedCall call = SimulatedCall.answered("1001", "61291234567", "pbx.example.com", 65);

        assertThatThrownBy(() -> call.withDirection("sideways")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> call.withHangupCause("ALIENS")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> call.withBillsec(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> call.withDestinationNumber(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatedCall.answered("1001", "2", "d", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDemoGeneratorCallsNationalNumbersFromExtensions1001To1010() {
        EslSimulatorMain.CallGenerator generator = new EslSimulatorMain.CallGenerator(new Random(7), "demo.local");
        int answered = 0;
        for (int i = 0; i < 500; i++) {
            SimulatedCall call = generator.next();
            assertThat(Integer.parseInt(call.callerIdNumber())).isBetween(1001, 1010);
            assertThat(call.destinationNumber()).matches("61[2378]\\d{8}|1[38]00\\d{6}");
            assertThat(call.domain()).isEqualTo("demo.local");
            answered += call.answered() ? 1 : 0;
        }
        assertThat(answered).isBetween(250, 450);
    }

    @Test
    void theDemoRefusesUnknownOrBrokenOptions() {
        assertThat(EslSimulatorMain.Settings.parse(new String[]{"--port", "8021", "--calls-per-minute", "6"}))
                .isEqualTo(new EslSimulatorMain.Settings("127.0.0.1", 8021, "ClueCon", 6, "demo.pbxhub.local", 0, 0));
        assertThat(EslSimulatorMain.Settings.parse(new String[]{"--calls-per-second", "2.5", "--heartbeat-seconds",
                "20"})).extracting(EslSimulatorMain.Settings::callsPerSecond,
                        EslSimulatorMain.Settings::heartbeatSeconds)
                .containsExactly(2.5, 20);
        assertThatThrownBy(() -> EslSimulatorMain.Settings.parse(new String[]{"--calls-per-second", "-1"}))
                .hasMessageContaining("--calls-per-second");
        assertThatThrownBy(() -> EslSimulatorMain.Settings.parse(new String[]{"--calls-per-second", "NaN"}))
                .hasMessageContaining("--calls-per-second");
        assertThatThrownBy(() -> EslSimulatorMain.Settings.parse(new String[]{"--prot", "8021"}))
                .hasMessageContaining("prot");
        assertThatThrownBy(() -> EslSimulatorMain.Settings.parse(new String[]{"--port", "x"}))
                .hasMessageContaining("--port");
        assertThatThrownBy(() -> EslSimulatorMain.Settings.parse(new String[]{"--port"}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
