package io.pbxhub.esl.connection;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the last {@code capacity} events of one PBX by (Core-UUID, Event-Sequence) so a replayed stream adds no
 * duplicates. In memory only: a restart of this service forgets it, so consumers still have to be idempotent on the
 * event's natural id (a durable dedupe is planned).
 */
public final class EventDedupWindow {

    private final Map<EventId, Boolean> seen;

    public EventDedupWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.seen = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<EventId, Boolean> eldest) {
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
        return seen.put(new EventId(coreUuid, eventSequence), Boolean.TRUE) == null;
    }

    /**
     * The hash is mixed (murmur3's finalizer): the hashes of consecutive sequence numbers written as text differ
     * only by small multiples of powers of 31, which pile up in a few buckets of a power-of-two table.
     */
    private record EventId(String coreUuid, String sequence) {

        @Override
        public int hashCode() {
            int h = 31 * coreUuid.hashCode() + sequence.hashCode();
            h ^= h >>> 16;
            h *= 0x85EBCA6B;
            h ^= h >>> 13;
            h *= 0xC2B2AE35;
            return h ^ h >>> 16;
        }
    }

    public synchronized int size() {
        return seen.size();
    }
}
