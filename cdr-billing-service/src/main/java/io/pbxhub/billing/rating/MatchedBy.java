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
    NOT_BILLABLE,
    /** Priced by a special-rate rule of the account's product (spec 001); calltype {@code SpecialRate}. */
    SPECIAL_RATE,
    /** A call of a special-rate product that no rule matches: standard tariffs are bypassed, so never charged. */
    NO_SPECIAL_MATCH,
    /** A standard-billed call to a destination on the global exclude list: stored, never charged. */
    EXCLUDED
}
