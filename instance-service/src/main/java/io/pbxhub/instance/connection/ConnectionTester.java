package io.pbxhub.instance.connection;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tests an instance's database and ESL connections side by side, each within {@code pbxhub.connection-test.timeout}.
 * Probes block on sockets, so they run on a dedicated bounded pool rather than on Quarkus' worker or event-loop
 * threads; the pool size also bounds how many PBXs the status monitor checks at once.
 */
@ApplicationScoped
public class ConnectionTester {

    private final Duration timeout;
    private final ExecutorService probes;

    public ConnectionTester(
            @ConfigProperty(name = "pbxhub.connection-test.timeout", defaultValue = "5s") Duration timeout,
            @ConfigProperty(name = "pbxhub.connection-test.parallelism", defaultValue = "64") int parallelism) {
        this.timeout = timeout;
        this.probes = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "connection-probe");
            t.setDaemon(true);
            return t;
        });
    }

    /** Both probes, concurrently; completes within about one timeout. */
    public CompletableFuture<ConnectionReport> test(ProbeTarget target) {
        CompletableFuture<ProbeResult> db = CompletableFuture.supplyAsync(() -> DatabaseProbe.probe(target, timeout),
                probes);
        CompletableFuture<ProbeResult> esl = CompletableFuture.supplyAsync(() -> EslProbe.probe(target, timeout),
                probes);
        return db.thenCombine(esl, ConnectionReport::of);
    }

    public Duration timeout() {
        return timeout;
    }

    @PreDestroy
    void shutdown() {
        probes.shutdownNow();
    }
}
