package io.pbxhub.billing.cdr;

import java.util.List;

import io.pbxhub.contracts.RatedCdr;

/**
 * The CDRs one transaction rated and stored for the first time, and the outbox row that names them; fired inside the
 * transaction, published once it has committed.
 */
record RatedBatch(long outboxId, List<RatedCdr> events) {
}
