package io.pbxhub.esl.messaging;

import java.util.function.Supplier;

/**
 * Ties the records sent while one ESL event is handled to that event, so its replay mark only moves once Kafka has
 * them all. Handling is synchronous on the connection's event loop, so the event in hand is kept per thread rather
 * than passed through every publisher.
 */
public final class EventAcks {

    private static final ThreadLocal<Supplier<Runnable>> CURRENT = new ThreadLocal<>();
    private static final Runnable NOTHING = () -> {
    };

    private EventAcks() {
    }

    /** Runs {@code handling} with {@code records} registering each record sent meanwhile (it returns the ack). */
    public static void within(Supplier<Runnable> records, Runnable handling) {
        Supplier<Runnable> previous = CURRENT.get();
        CURRENT.set(records);
        try {
            handling.run();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** For a record about to be sent: what to run once it is acknowledged or given up on (a no-op outside events). */
    static Runnable record() {
        Supplier<Runnable> records = CURRENT.get();
        return records == null ? NOTHING : records.get();
    }
}
