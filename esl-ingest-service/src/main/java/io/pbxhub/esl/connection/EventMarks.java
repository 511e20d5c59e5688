package io.pbxhub.esl.connection;

import java.util.ArrayDeque;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The replay mark of one connection. Events are handed out in stream order; each stays pending until every topic
 * record sent while handling it is acknowledged by Kafka (or given up on after the retries, which the sender counts
 * as dropped). The mark is the newest event with nothing pending at or before it, so it never passes an event whose
 * records a restart could still lose. Events at or below the mark (same Core-UUID) are replays.
 */
final class EventMarks {

    private final UUID instanceId;
    private final EventMarkStore store;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private EventMark mark;

    EventMarks(UUID instanceId, EventMarkStore store) {
        this.instanceId = instanceId;
        this.store = store;
    }

    /** Takes the stored mark when it is newer than the one in memory (or of another FreeSWITCH start). */
    synchronized void loaded(EventMark stored) {
        if (stored != null && (mark == null || !mark.coreUuid().equals(stored.coreUuid())
                || stored.sequence() > mark.sequence())) {
            mark = stored;
        }
    }

    synchronized boolean replayed(String coreUuid, long sequence) {
        return mark != null && mark.covers(coreUuid, sequence);
    }

    synchronized EventMark mark() {
        return mark;
    }

    /** An event about to be handled; its records register with the returned handle. */
    synchronized Pending begin(String coreUuid, long sequence) {
        Pending p = new Pending(new EventMark(coreUuid, sequence));
        pending.addLast(p);
        return p;
    }

    private void settled() {
        EventMark advanced = null;
        synchronized (this) {
            while (!pending.isEmpty() && pending.peekFirst().open.get() == 0) {
                advanced = pending.pollFirst().event;
            }
            if (advanced == null) {
                return;
            }
            mark = advanced;
        }
        store.advanced(instanceId, advanced);
    }

    /** One event in flight: one hold for its handling, one per record sent meanwhile. */
    final class Pending {
        private final EventMark event;
        private final AtomicInteger open = new AtomicInteger(1);

        private Pending(EventMark event) {
            this.event = event;
        }

        /** A record was sent for this event; run the result once Kafka acknowledged it (or it was given up on). */
        Runnable record() {
            open.incrementAndGet();
            return this::release;
        }

        /** The event's handling is over. */
        void handled() {
            release();
        }

        private void release() {
            if (open.decrementAndGet() == 0) {
                settled();
            }
        }
    }
}
