package io.pbxhub.contracts;

import java.util.List;

/** Names of the Kafka topics the suite uses; one place so producers and consumers never drift. */
public final class Topics {

    public static final String INSTANCE_EVENTS = "instance-events";
    public static final String INSTANCE_STATUS = "instance-status";
    public static final String CALL_EVENTS = "call-events";
    public static final String PRESENCE = "presence";
    public static final String CDR_RAW = "cdr-raw";
    public static final String CDR_RATED = "cdr-rated";
    public static final String SYNC_REQUESTS = "sync-requests";
    public static final String SYNC_RESULTS = "sync-results";
    public static final String BILLING_ALERTS = "billing-alerts";

    /** Every topic above, for whoever provisions them (a deployment, the local and test brokers). */
    public static final List<String> ALL = List.of(INSTANCE_EVENTS, INSTANCE_STATUS, CALL_EVENTS, PRESENCE, CDR_RAW,
            CDR_RATED, SYNC_REQUESTS, SYNC_RESULTS, BILLING_ALERTS);

    /** Suffix of the dead-letter topic that holds what a consumer of {@code topic} could not handle. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }

    private Topics() {
    }
}
