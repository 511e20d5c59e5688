package io.pbxhub.esl.connection;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventDedupWindowTest {

    @Test
    void aReplayedEventIsRecognisedAndANewOneIsNot() {
        EventDedupWindow window = new EventDedupWindow(100);

        assertThat(window.firstSeen("core-1", 5)).isTrue();
        assertThat(window.firstSeen("core-1", 6)).isTrue();
        assertThat(window.firstSeen("core-1", 5)).isFalse();
        // The same sequence from a restarted FreeSWITCH (new Core-UUID) is a different event.
        assertThat(window.firstSeen("core-2", 5)).isTrue();
        assertThat(window.firstSeen(new String("core-1"), 6)).isFalse();
    }

    @Test
    void theWindowForgetsTheOldestBeyondItsCapacity() {
        EventDedupWindow window = new EventDedupWindow(3);
        for (int seq = 1; seq <= 4; seq++) {
            window.firstSeen("core", seq);
        }

        assertThat(window.size()).isEqualTo(3);
        assertThat(window.firstSeen("core", 4)).isFalse();
        assertThat(window.firstSeen("core", 1)).isTrue();
    }

    @Test
    void eventsWithoutIdentityAlwaysPass() {
        EventDedupWindow window = new EventDedupWindow(10);

        assertThat(window.firstSeen(null, 1)).isTrue();
        assertThat(window.firstSeen(null, 1)).isTrue();
        assertThat(window.firstSeen("core", 0)).isTrue();
        assertThat(window.firstSeen("core", 0)).isTrue();
    }
}
