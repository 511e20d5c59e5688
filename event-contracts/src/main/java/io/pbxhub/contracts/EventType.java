package io.pbxhub.contracts;

import java.util.Arrays;

/**
 * Every record type on a topic, with its CloudEvents {@code type}, its topic and its JSON Schema. The CloudEvents
 * attributes travel in Kafka headers (binary mode); the record value is the JSON of the Java record.
 */
public enum EventType {

    INSTANCE_EVENT(InstanceEvent.class, Topics.INSTANCE_EVENTS, "io.pbxhub.instance.changed.v1"),
    INSTANCE_STATUS(InstanceStatus.class, Topics.INSTANCE_STATUS, "io.pbxhub.instance.status.v1"),
    CALL_EVENT(CallEvent.class, Topics.CALL_EVENTS, "io.pbxhub.call.event.v1"),
    PRESENCE(PresenceEvent.class, Topics.PRESENCE, "io.pbxhub.presence.changed.v1"),
    CDR_RAW(RawCdr.class, Topics.CDR_RAW, "io.pbxhub.cdr.raw.v1"),
    CDR_RATED(RatedCdr.class, Topics.CDR_RATED, "io.pbxhub.cdr.rated.v1"),
    SYNC_REQUEST(SyncRequest.class, Topics.SYNC_REQUESTS, "io.pbxhub.sync.requested.v1"),
    SYNC_RESULT(SyncResult.class, Topics.SYNC_RESULTS, "io.pbxhub.sync.finished.v1"),
    BILLING_ALERT(BillingAlert.class, Topics.BILLING_ALERTS, "io.pbxhub.billing.alert.v1");

    private final Class<? extends Record> recordType;
    private final String topic;
    private final String cloudEventType;

    EventType(Class<? extends Record> recordType, String topic, String cloudEventType) {
        this.recordType = recordType;
        this.topic = topic;
        this.cloudEventType = cloudEventType;
    }

    public Class<? extends Record> recordType() {
        return recordType;
    }

    public String topic() {
        return topic;
    }

    public String cloudEventType() {
        return cloudEventType;
    }

    /** Classpath location of the JSON Schema (draft 2020-12) that the record's JSON validates against. */
    public String schemaResource() {
        return "/schemas/" + recordType.getSimpleName() + ".schema.json";
    }

    public static EventType of(Class<?> recordType) {
        return Arrays.stream(values()).filter(t -> t.recordType == recordType).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a topic record: " + recordType.getName()));
    }
}
