package io.pbxhub.esl.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code text/event-plain} event. Values are kept as FreeSWITCH sent them (url-encoded) and decoded only when
 * {@link #get(String)} asks for one: an event carries 150+ headers and a consumer reads a dozen.
 */
public final class EslEvent {

    private final Map<String, String> rawHeaders;
    private final String body;

    public EslEvent(Map<String, String> rawHeaders, String body) {
        this(new LinkedHashMap<>(rawHeaders), body, true);
    }

    /** Takes ownership of {@code owned}: the parser's own map is not copied again (150+ headers per event). */
    private EslEvent(Map<String, String> owned, String body, boolean owning) {
        this.rawHeaders = Collections.unmodifiableMap(owned);
        this.body = body;
    }

    /**
     * Parses the body of a {@code text/event-plain} frame: {@code Name: value} lines up to a blank line, then, when the
     * event has a {@code Content-Length} header, that many bytes of event body (BACKGROUND_JOB's API output).
     */
    public static EslEvent parsePlain(byte[] bytes) {
        Map<String, String> headers = new LinkedHashMap<>(256);
        int pos = 0;
        int bodyStart = -1;
        while (pos < bytes.length) {
            int lf = indexOf(bytes, (byte) '\n', pos);
            int next = lf < 0 ? bytes.length : lf + 1;
            int lineEnd = lf < 0 ? bytes.length : lf;
            if (lineEnd > pos && bytes[lineEnd - 1] == '\r') {
                lineEnd--;
            }
            if (lineEnd == pos) {
                bodyStart = next;
                break;
            }
            EslHeaderLine.parse(bytes, pos, lineEnd, headers);
            pos = next;
        }
        if (headers.isEmpty()) {
            throw new EslProtocolException("event without headers");
        }
        return new EslEvent(headers, nestedBody(bytes, bodyStart, headers.get(EslFrame.CONTENT_LENGTH)), true);
    }

    private static String nestedBody(byte[] bytes, int bodyStart, String contentLength) {
        if (contentLength == null || bodyStart < 0) {
            return null;
        }
        long length = EslHeaderLine.parseContentLength(contentLength, bytes.length);
        if (bodyStart + length > bytes.length) {
            throw new EslProtocolException(
                    "event body shorter than its Content-Length " + length + ": " + (bytes.length - bodyStart));
        }
        return new String(bytes, bodyStart, (int) length, StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** The decoded value of a header, or null when the event does not carry it. */
    public String get(String name) {
        return EslValues.urlDecode(rawHeaders.get(name));
    }

    /** The value exactly as it came over the wire (url-encoded). */
    public String raw(String name) {
        return rawHeaders.get(name);
    }

    public boolean has(String name) {
        return rawHeaders.containsKey(name);
    }

    /** {@code Event-Name}, e.g. CHANNEL_CREATE. */
    public String name() {
        return get("Event-Name");
    }

    /** The event's own body (BACKGROUND_JOB's API output), or null. */
    public String body() {
        return body;
    }

    /** All headers, values still url-encoded, in wire order. */
    public Map<String, String> rawHeaders() {
        return rawHeaders;
    }

    @Override
    public String toString() {
        // Deliberately short: variables can hold anything the dialplan put there.
        return "EslEvent[" + name() + " " + raw("Unique-ID") + " seq " + raw("Event-Sequence") + "]";
    }
}
