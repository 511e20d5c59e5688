package io.pbxhub.esl.connection;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Where the replay marks of the instances live across reconnects, restarts and rebalances. */
public interface EventMarkStore {

    /** Marks in memory only (tests of the connection alone). */
    EventMarkStore NONE = new EventMarkStore() {
        @Override
        public CompletionStage<Optional<EventMark>> load(UUID instanceId) {
            return CompletableFuture.completedFuture(Optional.empty());
        }

        @Override
        public void advanced(UUID instanceId, EventMark mark) {
        }
    };

    /** The stored mark of the instance; must not block the caller. */
    CompletionStage<Optional<EventMark>> load(UUID instanceId);

    /** The instance's mark moved on; the store may write it later (batched). Must not block. */
    void advanced(UUID instanceId, EventMark mark);
}
