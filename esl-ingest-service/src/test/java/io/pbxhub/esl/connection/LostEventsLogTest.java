package io.pbxhub.esl.connection;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LostEventsLogTest {

    @Test
    void bothOfModEventSocketsMessagesGiveTheirCount() {
        assertThat(LostEventsLog.lostEvents("2026-11-23 10:34:08.398763 [CRIT] mod_event_socket.c:424 Lost [17] "
                + "events! Event Queue size: [3/100000]\n")).isEqualTo(17);
        assertThat(LostEventsLog.lostEvents("2026-11-23 10:34:08.398763 [CRIT] mod_event_socket.c:442 Killing "
                + "listener because of too many lost events. Lost [501] Queue size[100000/100000]\n")).isEqualTo(501);
    }

    @Test
    void otherLinesCountNothing() {
        assertThat(LostEventsLog.lostEvents("2016-12-28 10:34:08.398763 [DEBUG] switch_core_state_machine.c:710 "
                + "(sofia/internal/7071@devitor) State DESTROY going to sleep\n")).isZero();
        assertThat(LostEventsLog.lostEvents("[CRIT] Lost [x] events! Event Queue size: [1/2]")).isZero();
        assertThat(LostEventsLog.lostEvents("[CRIT] Lost [99999999999999999999] events! Event Queue size: [1/2]"))
                .isZero();
        assertThat(LostEventsLog.lostEvents(null)).isZero();
    }
}
