package io.pbxhub.esl.live;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.BackPressureFailure;

/**
 * Fans the live changes out to every stream subscriber. Each has its own buffer; one that falls more than
 * {@link #SUBSCRIBER_BUFFER} changes behind has its stream ended (it reconnects and resyncs from the REST snapshot)
 * rather than silently missing changes, and it never blocks the ESL event loop or the other subscribers.
 */
@Singleton
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
        // Not dropPreviousItems: that keeps only the newest item whenever the writer has not asked for more yet, which
        // loses most of any burst (a call's RINGING and HUNGUP arrive together).
        return processor.filter(u -> tenantId.equals(u.tenantId()))
                .onOverflow().buffer(SUBSCRIBER_BUFFER)
                .onFailure(BackPressureFailure.class).recoverWithCompletion();
    }
}
