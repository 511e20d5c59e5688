package io.pbxhub.esl.live;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.pbxhub.contracts.PresenceEvent;
import io.pbxhub.contracts.PresenceEvent.State;
import io.pbxhub.esl.connection.EslInstance;
import io.pbxhub.esl.protocol.EslEvent;
import io.pbxhub.esl.protocol.WireCaptures;

import static org.assertj.core.api.Assertions.assertThat;

/** The BLF rules on real captures and on the edge cases that need no broker. */
class PresenceTrackerTest {

    private final EslInstance instance = new EslInstance(UUID.randomUUID(), "t1", "127.0.0.1", 8021);
    private final PresenceTracker tracker = new PresenceTracker();

    @Test
    void theRealSofiaRegisterCaptureRegistersItsUserInItsRealm() throws IOException {
        EslEvent register = EslEvent.parsePlain(resource("genesis_CUSTOM_sofia_register.body.txt"));

        assertThat(tracker.apply(instance, register)).hasValueSatisfying(p -> {
            assertThat(p.extension()).isEqualTo("1000");
            assertThat(p.domain()).isEqualTo("dev-cs2.fusedsolutions.com");
            assertThat(p.state()).isEqualTo(State.IDLE);
            assertThat(p.occurredAt()).hasToString("2009-06-16T22:15:46.126571Z");
        });
        assertThat(tracker.domainsOf(instance.instanceId(), "1000")).containsExactly("dev-cs2.fusedsolutions.com");
    }

    @Test
    void theRealChannelCreateCaptureRingsTheExtensionOfItsPresenceId() {
        EslEvent create = WireCaptures.event("neventsocket_CHANNEL_CREATE.wire.txt", "CHANNEL_CREATE", 0);

        assertThat(tracker.apply(instance, create)).hasValueSatisfying(p -> {
            assertThat(p.extension()).isEqualTo("1003"); // Channel-Presence-ID: 1003%40dan-win8-dev.home
            assertThat(p.domain()).isEqualTo("dan-win8-dev.home");
            assertThat(p.state()).isEqualTo(State.RINGING);
            assertThat(p.callUuid()).isEqualTo(create.get("Unique-ID"));
        });
    }

    @Test
    void aHangupOfACallNeverSeenStartingChangesNothingVisible() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Event-Name", "CHANNEL_HANGUP_COMPLETE");
        h.put("Unique-ID", "u1");
        h.put("Channel-Presence-ID", "1001@x.example.com");
        // First sight of the extension: it is idle, which is news.
        assertThat(tracker.apply(instance, new EslEvent(h, null))).map(PresenceEvent::state).contains(State.IDLE);
        // The same again is not.
        assertThat(tracker.apply(instance, new EslEvent(h, null))).isEmpty();
    }

    @Test
    void presenceIdsAreNormalisedAndJunkIsRefused() {
        assertThat(PresenceTracker.Address.parse("sip:1001@PBX.Example.com"))
                .isEqualTo(new PresenceTracker.Address("1001", "pbx.example.com"));
        assertThat(PresenceTracker.Address.parse("1001")).isNull();
        assertThat(PresenceTracker.Address.parse("@pbx.example.com")).isNull();
        assertThat(PresenceTracker.Address.parse("10:01@pbx.example.com")).isNull();
        assertThat(PresenceTracker.Address.parse("1001@pbx example.com")).isNull();
        assertThat(PresenceTracker.Address.parse("1".repeat(65) + "@pbx.example.com")).isNull();
        assertThat(PresenceTracker.Address.parse(null)).isNull();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = PresenceTrackerTest.class.getResourceAsStream("/esl/" + name)) {
            return in.readAllBytes();
        }
    }
}
