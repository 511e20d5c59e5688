package io.pbxhub.billing.intake;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.pbxhub.billing.cdr.CdrStore;
import io.pbxhub.billing.cdr.IngestOutcome;
import io.pbxhub.contracts.RawCdr;

/**
 * The one way in for parsed CDRs of every path. A batch is rated and stored in one transaction; if that fails because
 * of one CDR (a value the database refuses, a rating error) the batch is stored again CDR by CDR, so only the culprit
 * is rejected. If it fails because the database is unreachable, nothing is rejected: the batch is retried with
 * back-off and, after {@link IntakeConfig#storeAttempts()}, the error propagates (for Kafka: no offset is committed,
 * the records are redelivered later and the idempotent insert makes that harmless).
 */
@ApplicationScoped
public class CdrPipeline {

    private static final Logger LOG = Logger.getLogger(CdrPipeline.class);
    private static final Duration MAX_DELAY = Duration.ofSeconds(5);

    private final CdrStore store;
    private final IntakeConfig config;
    private final MeterRegistry metrics;

    public CdrPipeline(CdrStore store, IntakeConfig config, MeterRegistry metrics) {
        this.store = store;
        this.config = config;
        this.metrics = metrics;
    }

    /** Per CDR, in order: its outcome, or the reason it was rejected. */
    public List<Result> ingest(CdrSource source, List<RawCdr> cdrs) {
        if (cdrs.isEmpty()) {
            return List.of();
        }
        List<Result> results;
        try {
            results = whileUnavailable(() -> store.storeAll(cdrs)).stream().map(Result::of).toList();
        } catch (DatabaseUnavailableException e) {
            throw e;
        } catch (RuntimeException batchFailure) {
            if (cdrs.size() == 1) {
                results = List.of(Result.rejected(reason(batchFailure)));
            } else {
                LOG.debugf("a batch of %d CDRs failed (%s); storing them one by one", cdrs.size(),
                        reason(batchFailure));
                results = new ArrayList<>(cdrs.size());
                for (RawCdr cdr : cdrs) {
                    try {
                        results.add(Result.of(whileUnavailable(() -> store.storeAll(List.of(cdr))).get(0)));
                    } catch (DatabaseUnavailableException e) {
                        throw e;
                    } catch (RuntimeException e) {
                        results.add(Result.rejected(reason(e)));
                    }
                }
            }
        }
        count(source, results);
        return results;
    }

    private <T> T whileUnavailable(Supplier<T> work) {
        Duration delay = config.storeRetryDelay();
        for (int attempt = 1;; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (!isUnavailable(e)) {
                    throw e;
                }
                if (attempt >= config.storeAttempts()) {
                    throw new DatabaseUnavailableException(e);
                }
                LOG.warnf("database unavailable (attempt %d of %d), retrying in %d ms: %s", attempt,
                        config.storeAttempts(), delay.toMillis(), reason(e));
                pause(delay);
                delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
            }
        }
    }

    private void count(CdrSource source, List<Result> results) {
        Map<String, Integer> counts = new HashMap<>();
        for (Result result : results) {
            counts.merge(result.outcome() == null ? "rejected" : result.outcome().name().toLowerCase(), 1,
                    Integer::sum);
        }
        counts.forEach((outcome, n) -> metrics
                .counter("pbxhub.billing.cdr.intake", "source", source.label(), "outcome", outcome).increment(n));
    }

    /**
     * Connection lost, server shutting down or out of resources, serialization conflict, pool exhausted: the batch
     * may well succeed later. Everything else (a refused value, a rating bug) is about the CDR itself.
     */
    static boolean isUnavailable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state == null || state.startsWith("08") || state.startsWith("57") || state.startsWith("53")
                        || state.startsWith("40")) {
                    return true;
                }
            }
        }
        return false;
    }

    static String reason(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root instanceof RejectedCdrException ? message : root.getClass().getSimpleName() + ": " + message;
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseUnavailableException(e);
        }
    }

    /** The outcome of one CDR, or ({@code outcome} null) why it was rejected. */
    public record Result(IngestOutcome outcome, String rejection) {

        static Result of(IngestOutcome outcome) {
            return new Result(outcome, null);
        }

        static Result rejected(String reason) {
            return new Result(null, reason);
        }

        public boolean isRejected() {
            return outcome == null;
        }
    }

    /** The database stayed unreachable: nothing was stored or rejected, the caller must not acknowledge. */
    public static class DatabaseUnavailableException extends RuntimeException {

        DatabaseUnavailableException(Throwable cause) {
            super("database unavailable: " + reason(cause), cause);
        }
    }
}
