package io.pbxhub.common.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.pbxhub.common.json.InstantText;
import io.pbxhub.contracts.EventType;

/**
 * The CloudEvents attributes of one record type from one source, as Kafka headers in binary mode: the {@code ce_*}
 * headers SmallRye's connector writes, for records sent through a plain Kafka producer (where the connector's
 * per-record pipeline costs more CPU than the send). The constant ones are encoded once.
 */
public final class CloudEventHeaders {

    private static final byte[] SPEC_VERSION = ascii("1.0");
    private static final byte[] JSON = ascii("application/json");

    private final byte[] type;
    private final byte[] source;

    public CloudEventHeaders(String source, EventType type) {
        this.type = ascii(type.cloudEventType());
        this.source = ascii(source);
    }

    /** {@code time}: {@link #now()}, once per record or once per batch sent together. */
    public Headers headers(String eventId, byte[] time) {
        Headers headers = new RecordHeaders();
        headers.add("ce_specversion", SPEC_VERSION);
        headers.add("ce_id", ascii(eventId));
        headers.add("ce_type", type);
        headers.add("ce_source", source);
        headers.add("ce_datacontenttype", JSON);
        headers.add("content-type", JSON);
        headers.add("ce_time", time);
        return headers;
    }

    /** The {@code ce_time} of now (RFC 3339 in UTC). */
    public static byte[] now() {
        return InstantText.ascii(Instant.now());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
