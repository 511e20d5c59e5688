package io.pbxhub.esl.live;

import java.time.Instant;
import java.util.UUID;

import io.pbxhub.contracts.PresenceEvent;

/** The BLF state of one extension as the live API shows it (snake_case JSON, unlike the topic record). */
public record ExtensionPresence(UUID instanceId, String tenantId, String extension, String domain,
        PresenceEvent.State state, String callUuid, Instant since) {

    static ExtensionPresence of(PresenceEvent p) {
        return new ExtensionPresence(p.instanceId(), p.tenantId(), p.extension(), p.domain(), p.state(), p.callUuid(),
                p.occurredAt());
    }
}
