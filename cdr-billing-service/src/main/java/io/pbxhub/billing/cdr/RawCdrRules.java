package io.pbxhub.billing.cdr;

import io.pbxhub.contracts.RawCdr;

/**
 * What a {@code cdr-raw} record must carry before it can be rated and stored. A record that breaks a rule is refused
 * whole and goes to {@code cdr-raw.dlq} with the rule in its reason header: a guessed value would bill a wrong amount
 * or store a CDR that redelivery could not match.
 */
public final class RawCdrRules {

    static final int MAX_CDR_UUID_LENGTH = 255;

    private RawCdrRules() {
    }

    /**
     * @throws IllegalArgumentException
     *             naming the first broken rule
     */
    public static RawCdr requireRatable(RawCdr cdr) {
        if (cdr == null) {
            throw new IllegalArgumentException("empty cdr-raw record");
        }
        if (cdr.cdrUuid() == null || cdr.cdrUuid().isBlank()) {
            throw new IllegalArgumentException("cdrUuid is missing");
        }
        if (cdr.cdrUuid().length() > MAX_CDR_UUID_LENGTH) {
            throw new IllegalArgumentException("cdrUuid is longer than " + MAX_CDR_UUID_LENGTH + " characters");
        }
        if (cdr.instanceId() == null) {
            throw new IllegalArgumentException("instanceId is missing");
        }
        if (cdr.direction() == null) {
            throw new IllegalArgumentException("direction is missing");
        }
        if (cdr.startTime() == null) {
            throw new IllegalArgumentException("startTime is missing");
        }
        if (cdr.duration() < 0) {
            throw new IllegalArgumentException("duration is negative: " + cdr.duration());
        }
        if (cdr.billsec() < 0) {
            throw new IllegalArgumentException("billsec is negative: " + cdr.billsec());
        }
        return cdr;
    }
}
