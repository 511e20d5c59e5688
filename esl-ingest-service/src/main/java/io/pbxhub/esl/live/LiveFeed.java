package io.pbxhub.esl.live;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * Fans the live changes out to every stream subscriber. A subscriber that cannot keep up loses the oldest of what it
 * has not read (a dashboard wants the present, and the REST snapshot is there to resync) but never blocks the ESL
 * event loop or the other subscribers.
 */
@ApplicationScoped
public class LiveFeed {

    /** Changes buffered per slow subscriber before the oldest are dropped. */
    static final int SUBSCRIBER_BUFFER = 1024;

    private final BroadcastProcessor<LiveUpdate> processor = BroadcastProcessor.create();

    void publish(LiveUpdate update) {
        // BroadcastProcessor is not thread-safe; connections publish from several event loops.
        synchronized (processor) {
            processor.onNext(update);
        }
    }

    /** The changes of one tenant from now on. */
    public Multi<LiveUpdate> tenant(String tenantId) {
        return processor.filter(u -> tenantId.equals(u.tenantId()))
                .onOverflow().buffer(SUBSCRIBER_BUFFER).onOverflow().dropPreviousItems();
    }
}
