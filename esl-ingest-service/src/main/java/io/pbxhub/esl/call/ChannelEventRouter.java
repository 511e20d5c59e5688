package io.pbxhub.esl.call;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pbxhub.contracts.RawCdr;
import io.pbxhub.esl.click2dial.Click2DialJobs;
import io.pbxhub.esl.connection.EslEventSink;
import io.pbxhub.esl.connection.EslInstance;
import io.pbxhub.esl.live.LiveState;
import io.pbxhub.esl.protocol.EslEvent;

/**
 * Where the events of every connection go: counted, normalized to call-events, and turned into a CDR at hangup. It and
 * the beans it calls per event are {@code @Singleton}: no client proxy between them on the event loops.
 */
@Singleton
public class ChannelEventRouter implements EslEventSink {

    /** Counter tags stay bounded whatever a PBX sends. */
    private static final Set<String> KNOWN = Set.of("CHANNEL_CREATE", "CHANNEL_PROGRESS", "CHANNEL_PROGRESS_MEDIA",
            "CHANNEL_ANSWER", "CHANNEL_BRIDGE", "CHANNEL_UNBRIDGE", "CHANNEL_HOLD", "CHANNEL_UNHOLD",
            "CHANNEL_HANGUP_COMPLETE", "HEARTBEAT", "BACKGROUND_JOB", "PRESENCE_IN", "CUSTOM");

    private final CallEventNormalizer normalizer;
    private final RawCdrBuilder cdrs;
    private final CallEventPublisher callEvents;
    private final RawCdrPublisher rawCdrs;
    private final LiveState live;
    private final Click2DialJobs jobs;
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public ChannelEventRouter(CallEventNormalizer normalizer, RawCdrBuilder cdrs, CallEventPublisher callEvents,
            RawCdrPublisher rawCdrs, LiveState live, Click2DialJobs jobs, MeterRegistry registry) {
        this.normalizer = normalizer;
        this.cdrs = cdrs;
        this.callEvents = callEvents;
        this.rawCdrs = rawCdrs;
        this.live = live;
        this.jobs = jobs;
        this.registry = registry;
    }

    @Override
    public void accept(EslInstance instance, EslEvent event) {
        String name = event.name();
        counter(name).increment();
        normalizer.normalize(instance, event).ifPresent(e -> {
            callEvents.publish(e);
            live.call(e);
        });
        live.event(instance, event);
        if ("BACKGROUND_JOB".equals(name)) {
            jobs.backgroundJob(instance, event);
        }
        if (RawCdrBuilder.HANGUP_COMPLETE.equals(name)) {
            RawCdr cdr = cdrs.build(instance, event);
            if (cdr != null) {
                rawCdrs.publish(cdr);
            }
        }
    }

    private Counter counter(String name) {
        String tag = name != null && KNOWN.contains(name) ? name : "OTHER";
        return counters.computeIfAbsent(tag, t -> Counter.builder("pbxhub.esl.events")
                .description("ESL events received (after replay filtering), by event name")
                .tag("event", t)
                .register(registry));
    }
}
