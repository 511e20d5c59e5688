package io.pbxhub.esl.connection;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the last {@code capacity} events of one PBX by (Core-UUID, Event-Sequence) so a replayed stream adds no
 * duplicates. In memory only: a restart of this service forgets it, so consumers still have to be idempotent on the
 * event's natural id (a durable dedupe is planned).
 */
public final class EventDedupWindow {

    private final Map<String, Boolean> seen;

    public EventDedupWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.seen = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * True the first time an event id is offered. An event without a Core-UUID or sequence cannot be identified and
     * always passes.
     */
    public synchronized boolean firstSeen(String coreUuid, String eventSequence) {
        if (coreUuid == null || eventSequence == null) {
            return true;
        }
        return seen.put(coreUuid + '/' + eventSequence, Boolean.TRUE) == null;
    }

    public synchronized int size() {
        return seen.size();
    }
}
