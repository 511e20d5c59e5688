package io.pbxhub.esl.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records sent to Kafka and not yet acknowledged, shared by every publisher of the service. Above {@code high} the
 * ESL connections stop reading their sockets (TCP then pushes back to FreeSWITCH); once the count is back down to
 * {@code low} they resume. So the service never buffers without bound and never drops an event to keep up.
 */
public final class PublishPressure {

    /** For tests and tools that want no back-pressure. */
    public static final PublishPressure NONE = new PublishPressure(Integer.MAX_VALUE, Integer.MAX_VALUE - 1);

    private final int high;
    private final int low;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<Runnable> waiting = new ArrayList<>();

    public PublishPressure(int high, int low) {
        if (low >= high || low < 0) {
            throw new IllegalArgumentException("need 0 <= low < high, got low " + low + ", high " + high);
        }
        this.high = high;
        this.low = low;
    }

    public void sent() {
        inFlight.incrementAndGet();
    }

    /** Acknowledged, or given up on (then counted as dropped by the sender). */
    public void settled() {
        if (inFlight.decrementAndGet() <= low) {
            List<Runnable> resume;
            synchronized (waiting) {
                if (waiting.isEmpty() || inFlight.get() > low) {
                    return;
                }
                resume = new ArrayList<>(waiting);
                waiting.clear();
            }
            resume.forEach(Runnable::run);
        }
    }

    public boolean saturated() {
        return inFlight.get() >= high;
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** Runs {@code resume} once the backlog is down to the low mark (at once if it already is). */
    public void whenRelieved(Runnable resume) {
        synchronized (waiting) {
            if (inFlight.get() > low) {
                waiting.add(resume);
                return;
            }
        }
        resume.run();
    }
}
