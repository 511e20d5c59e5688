package io.pbxhub.esl.live;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.pbxhub.contracts.CallEvent;
import io.pbxhub.contracts.PresenceEvent;
import io.pbxhub.esl.connection.EslConnectionDown;
import io.pbxhub.esl.connection.EslInstance;
import io.pbxhub.esl.connection.EslInstanceClosed;
import io.pbxhub.esl.protocol.EslEvent;

/** Keeps the live view (active calls, presence) and tells the presence topic and the live stream what changed. */
@Singleton
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

    /** The ESL connection dropped: the instance's calls stay listed, flagged stale, until the reconnect says more. */
    void down(@Observes EslConnectionDown down) {
        calls.markStale(down.instance().instanceId()).forEach(c -> feed.publish(LiveUpdate.of(c)));
    }

    /**
     * FreeSWITCH listed {@code liveChannels} after a reconnect: stale calls it no longer has ended unseen. They leave
     * the live view (a last HUNGUP update on the stream) and stop counting for their extensions' BLF; calls it has
     * that started unseen join the view and count for their extensions. No call-event is published for either:
     * call-events are FreeSWITCH's own events, and none was received.
     */
    public void reconcile(EslInstance instance, List<ListedChannel> liveChannels) {
        Instant now = Instant.now();
        ActiveCalls.Reconciled result = calls.reconcile(instance, liveChannels, now);
        Stream.of(result.confirmed(), result.ended(), result.started()).flatMap(List::stream)
                .forEach(c -> feed.publish(LiveUpdate.of(c)));
        Set<String> vanished = result.ended().stream().map(ActiveCall::channelUuid).collect(Collectors.toSet());
        Set<String> started = result.started().stream().map(ActiveCall::channelUuid).collect(Collectors.toSet());
        List<PresenceEvent> changed = new ArrayList<>(presence.dropChannels(instance, vanished, now));
        liveChannels.stream().filter(c -> started.contains(c.uuid()))
                .forEach(c -> presence.listedChannel(instance, c, now).ifPresent(changed::add));
        changed.forEach(p -> {
            presenceTopic.publish(p);
            feed.publish(LiveUpdate.of(ExtensionPresence.of(p)));
        });
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
