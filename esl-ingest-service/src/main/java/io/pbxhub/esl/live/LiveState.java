package io.pbxhub.esl.live;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.pbxhub.contracts.CallEvent;
import io.pbxhub.esl.connection.EslInstance;
import io.pbxhub.esl.connection.EslInstanceClosed;
import io.pbxhub.esl.protocol.EslEvent;

/** Keeps the live view (active calls, presence) and tells the presence topic and the live stream what changed. */
@ApplicationScoped
public class LiveState {

    private final ActiveCalls calls;
    private final PresenceTracker presence;
    private final PresencePublisher presenceTopic;
    private final LiveFeed feed;

    public LiveState(ActiveCalls calls, PresenceTracker presence, PresencePublisher presenceTopic, LiveFeed feed) {
        this.calls = calls;
        this.presence = presence;
        this.presenceTopic = presenceTopic;
        this.feed = feed;
    }

    /** What we knew of an instance we no longer hold is stale from now on; its new holder rebuilds it. */
    void closed(@Observes EslInstanceClosed closed) {
        calls.forget(closed.instanceId());
        presence.forget(closed.instanceId());
    }

    public void call(CallEvent event) {
        calls.apply(event).ifPresent(c -> feed.publish(LiveUpdate.of(c)));
    }

    public void event(EslInstance instance, EslEvent event) {
        presence.apply(instance, event).ifPresent(p -> {
            presenceTopic.publish(p);
            feed.publish(LiveUpdate.of(ExtensionPresence.of(p)));
        });
    }
}
