package io.pbxhub.instance.pbx3cx;

import java.util.Arrays;

/**
 * Transaction-scoped PostgreSQL advisory locks on a call session (host + call id). Every write to a session's call
 * records or call log takes it first, so a call log refresh always reads the records as the last writer left them;
 * without it two records of one session stored at once could each refresh the log without the other.
 */
final class SessionLocks {

    /** First key of the two-key form; the one-key form (used elsewhere in this service) is a separate lock space. */
    private static final int SPACE = 30020;

    private SessionLocks() {
    }

    /** Locks the sessions in a fixed order, so two transactions locking the same pair cannot deadlock. */
    static void lock(String... sessionKeys) {
        String[] keys = Arrays.stream(sessionKeys).distinct().sorted().toArray(String[]::new);
        for (String key : keys) {
            Pbx3cxCall.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(?1, hashtext(?2))")
                    .setParameter(1, SPACE).setParameter(2, key).getSingleResult();
        }
    }

    static String key(long hostId, String callId) {
        return hostId + ":" + callId;
    }
}
