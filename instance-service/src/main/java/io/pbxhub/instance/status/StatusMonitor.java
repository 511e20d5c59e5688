package io.pbxhub.instance.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pbxhub.instance.connection.ConnectionReport;
import io.pbxhub.instance.connection.ConnectionTester;
import io.pbxhub.instance.connection.ProbeTarget;
import io.pbxhub.instance.pbx.InstanceService;
import io.pbxhub.instance.pbx.PbxInstance;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Checks every instance's database and ESL connection each {@code pbxhub.monitor.interval}, all in parallel (bounded by
 * the probe pool), and records the results. A round never outlives its interval: checks still running then are
 * recorded in the next round instead.
 */
@ApplicationScoped
public class StatusMonitor {

    private static final Logger LOG = Logger.getLogger(StatusMonitor.class);

    private final InstanceService instances;
    private final ConnectionTester tester;
    private final StatusRecorder recorder;
    private final Duration interval;
    private final Timer roundTimer;

    public StatusMonitor(InstanceService instances, ConnectionTester tester, StatusRecorder recorder,
            @ConfigProperty(name = "pbxhub.monitor.interval") Duration interval, MeterRegistry registry) {
        this.instances = instances;
        this.tester = tester;
        this.recorder = recorder;
        this.interval = interval;
        this.roundTimer = registry.timer("pbxhub_status_monitor_round");
    }

    @Scheduled(every = "${pbxhub.monitor.interval}", delayed = "${pbxhub.monitor.initial-delay:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRound() {
        checkAll();
    }

    /** One round over every instance; returns how many were checked in time. */
    @ActivateRequestContext
    public int checkAll() {
        long started = System.nanoTime();
        Map<UUID, ProbeTarget> targets = QuarkusTransaction.requiringNew().call(this::targets);
        Map<UUID, ConnectionReport> reports = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> checks = new ArrayList<>(targets.size());
        targets.forEach((id, target) -> checks.add(tester.test(target).thenAccept(r -> reports.put(id, r))));
        try {
            CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new))
                    .get(interval.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warnf("status round: %d of %d instances checked within %s", reports.size(), targets.size(), interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("status round failed", e.getCause());
        }
        recorder.record(Map.copyOf(reports), Instant.now());
        roundTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        return reports.size();
    }

    private Map<UUID, ProbeTarget> targets() {
        Map<UUID, ProbeTarget> targets = new ConcurrentHashMap<>();
        for (PbxInstance i : instances.list()) {
            targets.put(i.id, instances.probeTarget(i));
        }
        return targets;
    }
}
