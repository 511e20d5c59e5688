package io.pbxhub.billing.rating;

/** What decided a CDR's charge; stored with the rated CDR and sent on {@code cdr-rated}. */
public enum MatchedBy {
    /** An outbound answered leg priced by the longest matching prefix of the rate deck. */
    RATE_DECK,
    /**
     * An outbound answered leg whose destination matches no prefix (or is not a number). Charged 0 for now; a later
     * issue routes these to special-rate rules and an exceptions report instead.
     */
    NO_RATE,
    /** Inbound and local legs, and calls that were never answered: stored for the record, never charged. */
    NOT_BILLABLE
}
