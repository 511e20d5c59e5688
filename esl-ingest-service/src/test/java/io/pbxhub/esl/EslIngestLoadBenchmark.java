package io.pbxhub.esl;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.tools.ProducerPerformance;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.pbxhub.contracts.InstanceEvent.Change;
import io.pbxhub.contracts.Topics;
import io.pbxhub.esl.messaging.PublishPressure;
import io.pbxhub.testsupport.esl.EslSimulator;
import io.pbxhub.testsupport.esl.SimulatedCall;
import io.pbxhub.testsupport.instance.FakeInstanceService;
import io.pbxhub.testsupport.kafka.KafkaBrokerResource;
import io.pbxhub.testsupport.postgres.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end load harness (not a test: tagged {@code benchmark}, see docs/benchmarks.md). The real service ingests
 * calls the FreeSWITCH simulator plays at rising rates over a real ESL socket; per step it reports the ESL events/s
 * handled, the Kafka records/s acknowledged, the p99 from socket read to Kafka ack (the service's own
 * {@code pbxhub.esl.socket.to.ack} histogram), and the loss: records expected from the calls played minus records found
 * on the topics. Then Kafka's own ProducerPerformance runs against the same broker with the same acks and the average
 * size of the service's call-events records.
 */
@Tag("benchmark")
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_esl_test"))
@WithTestResource(value = FakeInstanceService.class, scope = TestResourceScope.GLOBAL)
class EslIngestLoadBenchmark {

    /** Calls/s per step; -Dload.rates=100,200 to run other steps. */
    static final double[] RATES = java.util.Arrays.stream(System.getProperty("load.rates",
            "25,50,100,200,400,800,1600,3200,6400,12800,25600").split(",")).mapToDouble(Double::parseDouble)
            .toArray();
    /** Simulated PBXs, each its own ESL connection (the service spreads connections over its event loops). */
    static final int INSTANCES = Integer.getInteger("load.instances", 2);
    static final Duration STEP = Duration.ofSeconds(Long.getLong("load.step.seconds", 10));
    static final Duration DRAIN = Duration.ofSeconds(60);
    static final long STALLED = TimeUnit.SECONDS.toNanos(3);
    static final String DOMAIN = "load.pbxhub.local";
    static final String TIMER = "pbxhub.esl.socket.to.ack";
    /** -Dload.cpu.detail=true: also the CPU of every other thread (names with digits folded), to find who is busy. */
    static final boolean DETAIL = Boolean.getBoolean("load.cpu.detail");

    @Inject
    MeterRegistry registry;

    @Inject
    PublishPressure pressure;

    /** Call UUID → call-events records it must produce (3 answered, 2 not). Each call also makes one cdr-raw. */
    private final Map<String, Integer> expectedCallEvents = new ConcurrentHashMap<>();
    private final Map<String, Integer> stepOfCall = new ConcurrentHashMap<>();

    record Step(double rate, int calls, double eventsPerSecond, double recordsPerSecond, double p99Millis,
            double drainSeconds, long lostBySimulators, boolean keptUp, Map<String, Double> cpu) {
    }

    /**
     * CPU seconds used so far by the threads of each part sharing this JVM (and its 2 cores): the load generator
     * (simulator + player), the service's ESL event loops, the Kafka producer I/O threads, and the rest of the
     * process (broker, GC, JIT, ...).
     */
    static Map<String, Double> cpuSeconds() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Double> cpu = new TreeMap<>();
        double known = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long nanos = threads.getThreadCpuTime(info.getThreadId());
            if (nanos <= 0) {
                continue;
            }
            String name = info.getThreadName();
            String part = name.startsWith("esl-sim") || name.startsWith("load-player")
                    ? "generator"
                    : name.startsWith("vert.x-eventloop")
                            ? "service event loops"
                            : name.startsWith("kafka-producer-network-thread") ? "producer I/O" : null;
            if (part != null) {
                cpu.merge(part, nanos / 1e9, Double::sum);
                known += nanos / 1e9;
            } else if (DETAIL) {
                cpu.merge("  thread " + name.replaceAll("[0-9]+", "#"), nanos / 1e9, Double::sum);
            }
        }
        double process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        cpu.put("rest (broker, GC, JIT)", process - known);
        if (DETAIL) {
            double gc = ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToDouble(b -> b.getCollectionTime() / 1e3).sum();
            cpu.put("  GC pause time (wall)", gc);
        }
        return cpu;
    }

    static Map<String, Double> minus(Map<String, Double> after, Map<String, Double> before) {
        Map<String, Double> d = new TreeMap<>();
        after.forEach((k, v) -> d.put(k, v - before.getOrDefault(k, 0.0)));
        return d;
    }

    @Test
    void rampUntilTheServiceCannotKeepUpThenProducerPerformance() throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        List<UUID> ids = new ArrayList<>();
        List<EslSimulator> sims = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        try (TestKafka kafka = new TestKafka()) {
            for (int i = 0; i < INSTANCES; i++) {
                EslSimulator sim = EslSimulator.start(EslSimulator.Options.defaults().password("secret").port(0));
                sims.add(sim);
                UUID id = UUID.randomUUID();
                ids.add(id);
                FakeInstanceService.eslPassword(id, "secret");
                kafka.publish(TestKafka.fusionPbx(id, Change.CREATED, 1, sim.host(), sim.port()));
            }
            for (EslSimulator sim : sims) {
                sim.awaitSubscribers(1, Duration.ofSeconds(30));
            }

            for (int s = 0; s < RATES.length; s++) {
                Step step = step(sims, s, RATES[s]);
                steps.add(step);
                System.out.printf("LOAD step %.0f calls/s: %d calls, %.0f events/s, %.0f records/s, p99 %.1f ms,"
                        + " drain %.1f s, events the simulators dropped %d; socket pauses so far %.0f; cores busy:"
                        + " %s%n", step.rate(), step.calls(), step.eventsPerSecond(), step.recordsPerSecond(),
                        step.p99Millis(), step.drainSeconds(), step.lostBySimulators(),
                        registry.find("pbxhub.esl.socket.pauses").counters().stream().mapToDouble(Counter::count)
                                .sum(),
                        format(step.cpu()));
                if (!step.keptUp()) {
                    break;
                }
            }
        } finally {
            sims.forEach(EslSimulator::close);
        }

        Map<Integer, long[]> loss = countOnTopics(bootstrap, ids);
        double avgCallEventBytes = loss.get(-1)[0] / (double) loss.get(-1)[1];
        System.out.println("LOAD | calls/s offered | calls | ESL events/s | Kafka records/s acked | p99 socket→ack ms"
                + " | drain s | kept up | events dropped by the simulators | lost call-events | lost cdr-raw |");
        for (int s = 0; s < steps.size(); s++) {
            Step step = steps.get(s);
            long[] l = loss.getOrDefault(s, new long[3]);
            System.out.printf("LOAD | %.0f | %d | %.0f | %.0f | %.1f | %.1f | %s | %d | %d | %d |%n", step.rate(),
                    step.calls(), step.eventsPerSecond(), step.recordsPerSecond(), step.p99Millis(),
                    step.drainSeconds(), step.keptUp() ? "yes" : "no", step.lostBySimulators(), l[0], l[1]);
        }
        long presenceAcked = (long) timers().stream().filter(t -> "presence".equals(t.getId().getTag("topic")))
                .mapToLong(Timer::count).sum();
        System.out.printf("LOAD presence: %d acked by Kafka for this run's socket reads, %d found for the instances%n",
                presenceAcked, loss.get(-2)[0]);
        System.out.printf("LOAD average call-events record: %.0f bytes value%n", avgCallEventBytes);

        double best = steps.stream().filter(Step::keptUp).mapToDouble(Step::recordsPerSecond).max().orElse(0);
        // Its result varies from run to run in this shared JVM: the best of a few runs is the baseline.
        double baseline = 0;
        for (int run = 0; run < Integer.getInteger("load.pp.runs", 3); run++) {
            baseline = Math.max(baseline, producerPerformance(bootstrap, (int) Math.round(avgCallEventBytes)));
        }
        System.out.printf("LOAD best service records/s %.0f; ProducerPerformance %.0f records/s; ratio %.3f%n", best,
                baseline, best / baseline);
        // A step the service could not keep up with ends the ramp: its socket was paused until the simulator, as
        // FreeSWITCH does, dropped events for it; only the steps before it must have lost nothing.
        long lost = 0;
        for (int s = 0; s < steps.size(); s++) {
            long[] l = loss.getOrDefault(s, new long[3]);
            if (steps.get(s).keptUp()) {
                lost += l[0] + l[1];
            }
        }
        assertThat(lost).as("records lost in the steps the service kept up with").isZero();
    }

    private static String format(Map<String, Double> cpu) {
        StringBuilder out = new StringBuilder();
        cpu.forEach((k, v) -> {
            if (v >= 0.005) {
                out.append(out.length() == 0 ? "" : ", ").append(k.strip()).append(' ')
                        .append(String.format("%.2f", v));
            }
        });
        return out.toString();
    }

    /**
     * Plays calls at {@code rate} for one step, spread over the simulators in turn, then waits for the service to
     * drain. The player wakes every millisecond and plays the calls due by then, so the rate holds at any speed the
     * generator can reach.
     */
    private Step step(List<EslSimulator> sims, int index, double rate) throws Exception {
        Random random = new Random(index);
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger events = new AtomicInteger();
        double handledBefore = eventsHandled();
        long acksBefore = acked();
        Map<Double, Long> bucketsBefore = buckets();
        Map<String, Double> cpuBefore = cpuSeconds();
        long lostBefore = lostBySimulators(sims);
        ScheduledExecutorService player = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "load-player"));
        long start = System.nanoTime();
        ScheduledFuture<?> load = player.scheduleAtFixedRate(() -> {
            long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
            while (calls.get() < due) {
                SimulatedCall call = nextCall(random);
                int expected = call.answered() ? 3 : 2;
                expectedCallEvents.put(call.uuid(), expected);
                stepOfCall.put(call.uuid(), index);
                sims.get(calls.get() % sims.size()).playFast(call);
                calls.incrementAndGet();
                events.addAndGet(expected);
            }
        }, 0, 1, TimeUnit.MILLISECONDS);
        // The step's duration is the measurement itself, not a wait for a condition.
        TimeUnit.NANOSECONDS.sleep(STEP.toNanos());
        load.cancel(false);
        // Before the player thread ends, or its CPU time would be lost with it.
        Map<String, Double> cpuAfter = cpuSeconds();
        player.shutdown();
        player.awaitTermination(10, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        double handled = eventsHandled() - handledBefore;
        long acks = acked() - acksBefore;
        double p99 = p99Millis(bucketsBefore, buckets());
        Map<String, Double> cpu = minus(cpuAfter, cpuBefore);
        cpu.replaceAll((k, v) -> v / seconds);

        long drainStart = System.nanoTime();
        long drainDeadline = drainStart + DRAIN.toNanos();
        // Events a simulator dropped for a service that stopped reading, or played while its session was down, never
        // arrive: stop waiting once nothing has been handled for a while.
        double last = -1;
        long lastProgress = System.nanoTime();
        while ((eventsHandled() - handledBefore < events.get() || pressure.inFlight() > 0)
                && System.nanoTime() < drainDeadline && System.nanoTime() - lastProgress < STALLED) {
            double now = eventsHandled();
            if (now != last) {
                last = now;
                lastProgress = System.nanoTime();
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        double drain = (System.nanoTime() - drainStart) / 1e9;
        long lost = lostBySimulators(sims) - lostBefore;
        double offeredEvents = events.get() / seconds;
        boolean keptUp = eventsHandled() - handledBefore >= events.get() && handled / seconds >= 0.95 * offeredEvents
                && drain < 2 && lost == 0;
        return new Step(rate, calls.get(), handled / seconds, acks / seconds, p99, drain, lost, keptUp, cpu);
    }

    private static long lostBySimulators(List<EslSimulator> sims) {
        return sims.stream().mapToLong(EslSimulator::lostEvents).sum();
    }

    private static SimulatedCall nextCall(Random random) {
        String from = String.valueOf(1001 + random.nextInt(10));
        String to = "0" + (2_0000_0000L + random.nextInt(9_9999_999));
        if (random.nextInt(10) < 7) {
            return SimulatedCall.answered(from, to, DOMAIN, 1 + random.nextInt(300));
        }
        return SimulatedCall.unanswered(from, to, DOMAIN, "NO_ANSWER");
    }

    private double eventsHandled() {
        return registry.find("pbxhub.esl.events").counters().stream().mapToDouble(Counter::count).sum();
    }

    private List<Timer> timers() {
        return new ArrayList<>(registry.find(TIMER).timers());
    }

    private long acked() {
        return timers().stream().mapToLong(Timer::count).sum();
    }

    /** Cumulative counts per bucket bound (ms), summed over the topics (same bounds for each). */
    private Map<Double, Long> buckets() {
        Map<Double, Long> sum = new HashMap<>();
        for (Timer t : timers()) {
            for (CountAtBucket b : t.takeSnapshot().histogramCounts()) {
                sum.merge(b.bucket(TimeUnit.MILLISECONDS), (long) b.count(), Long::sum);
            }
        }
        return sum;
    }

    /** The bound of the first bucket holding 99 % of the records acked between the two snapshots. */
    private static double p99Millis(Map<Double, Long> before, Map<Double, Long> after) {
        List<Double> bounds = new ArrayList<>(after.keySet());
        bounds.sort(Double::compare);
        if (bounds.isEmpty()) {
            return Double.NaN;
        }
        long total = after.get(bounds.get(bounds.size() - 1)) - before.getOrDefault(bounds.get(bounds.size() - 1), 0L);
        for (double bound : bounds) {
            long n = after.get(bound) - before.getOrDefault(bound, 0L);
            if (n >= Math.ceil(0.99 * total)) {
                return bound;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /**
     * Reads call-events, cdr-raw and presence from the start and counts these instances' records by key. Returns per
     * step {lost call-events, lost cdr-raw, 0}; at -1 {call-events value bytes, call-events records}; at -2 {presence
     * records}.
     */
    private Map<Integer, long[]> countOnTopics(String bootstrap, List<UUID> ids) {
        List<String> markers = ids.stream().map(UUID::toString).toList();
        Map<String, Integer> callEvents = new HashMap<>();
        Map<String, Integer> cdrs = new HashMap<>();
        long[] sizes = new long[2];
        long[] presence = new long[1];
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.CALL_EVENTS, Topics.CDR_RAW, Topics.PRESENCE)) {
                consumer.partitionsFor(topic).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    String value = new String(r.value(), StandardCharsets.UTF_8);
                    if (markers.stream().noneMatch(value::contains)) {
                        continue;
                    }
                    switch (r.topic()) {
                        case Topics.CALL_EVENTS -> {
                            callEvents.merge(r.key(), 1, Integer::sum);
                            sizes[0] += r.value().length;
                            sizes[1]++;
                        }
                        case Topics.CDR_RAW -> cdrs.merge(r.key(), 1, Integer::sum);
                        default -> presence[0]++;
                    }
                }
            }
        }
        Map<Integer, long[]> loss = new HashMap<>();
        expectedCallEvents.forEach((uuid, expected) -> {
            long[] l = loss.computeIfAbsent(stepOfCall.get(uuid), s -> new long[3]);
            l[0] += Math.max(0, expected - callEvents.getOrDefault(uuid, 0));
            // The CDR's key is the channel UUID, which for these one-leg calls is the call UUID.
            l[1] += cdrs.containsKey(uuid) ? 0 : 1;
        });
        loss.put(-1, sizes);
        loss.put(-2, presence);
        return loss;
    }

    /** Kafka's ProducerPerformance on a topic like call-events: same broker, acks=all, idempotent, same record size. */
    private static double producerPerformance(String bootstrap, int recordSize) throws Exception {
        String topic = "perf-baseline-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            int partitions = admin.describeTopics(List.of(Topics.CALL_EVENTS)).allTopicNames().get()
                    .get(Topics.CALL_EVENTS).partitions().size();
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
        String[] args = {"--topic", topic, "--num-records", Long.getLong("load.pp.records", 300_000L).toString(),
                "--record-size", String.valueOf(recordSize), "--throughput", "-1", "--producer-props",
                "bootstrap.servers=" + bootstrap, "acks=all", "enable.idempotence=true"};
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ProducerPerformance.main(args);
        } finally {
            System.setOut(out);
        }
        String summary = captured.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("99.9th"))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no summary: " + captured));
        System.out.println("LOAD ProducerPerformance (" + recordSize + " B records): " + summary);
        String rate = summary.substring(summary.indexOf("records sent, ") + "records sent, ".length());
        return Double.parseDouble(rate.substring(0, rate.indexOf(' ')));
    }
}
