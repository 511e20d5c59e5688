package io.pbxhub.billing.cdr;

import io.pbxhub.contracts.RatedCdr;

/** Fired when a CDR was rated and stored for the first time; published once the transaction has committed. */
record CdrRated(RatedCdr rated) {
}
