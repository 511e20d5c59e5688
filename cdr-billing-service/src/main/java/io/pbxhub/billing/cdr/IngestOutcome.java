package io.pbxhub.billing.cdr;

/** What storing one raw CDR did. */
public enum IngestOutcome {
    /** Rated and stored for the first time (and deducted, on a real-time special-rate product). */
    STORED,
    /** Already stored under the same instance and CDR UUID: nothing changed. */
    DUPLICATE,
    /** Not stored on purpose: a real-time special-rate product's non-matching call (spec 001). */
    SKIPPED
}
