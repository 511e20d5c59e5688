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
    private String lastCore;

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
     * True the first time an event id is offered. An event without a Core-UUID or a positive sequence cannot be
     * identified and always passes.
     */
    public synchronized boolean firstSeen(String coreUuid, long sequence) {
        if (coreUuid == null || sequence <= 0) {
            return true;
        }
        // Every event of a FreeSWITCH process carries the same Core-UUID, each as a fresh String: reusing the one kept
        // saves hashing 36 chars per event.
        if (!coreUuid.equals(lastCore)) {
            lastCore = coreUuid;
        }
        return seen.put(new EventId(lastCore, sequence), Boolean.TRUE) == null;
    }

    /**
     * The hash is mixed (murmur3's finalizer): consecutive sequence numbers would otherwise pile up in a few buckets
     * of a power-of-two table.
     */
    private record EventId(String coreUuid, long sequence) {

        @Override
        public int hashCode() {
            int h = 31 * coreUuid.hashCode() + Long.hashCode(sequence);
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
