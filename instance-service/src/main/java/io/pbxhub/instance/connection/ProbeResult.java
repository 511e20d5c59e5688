package io.pbxhub.instance.connection;

/**
 * The answer to "can we reach this part of the PBX?": the outcome, a reason a person can act on, and how long it took.
 */
public record ProbeResult(Outcome outcome, String message, long latencyMs) {

    /** The troubleshooting list of the instance guide: what failed, so the operator knows where to look. */
    public enum Outcome {
        OK,
        UNREACHABLE,
        REFUSED,
        TIMEOUT,
        BAD_CREDENTIALS,
        DATABASE_MISSING,
        SCHEMA_MISSING,
        PROTOCOL_ERROR,
        NOT_CONFIGURED
    }

    public boolean ok() {
        return outcome == Outcome.OK;
    }

    static ProbeResult ok(String message, long started) {
        return new ProbeResult(Outcome.OK, message, elapsed(started));
    }

    static ProbeResult failed(Outcome outcome, String message, long started) {
        return new ProbeResult(outcome, message, elapsed(started));
    }

    private static long elapsed(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
