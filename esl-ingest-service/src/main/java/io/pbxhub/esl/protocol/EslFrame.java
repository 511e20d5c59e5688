package io.pbxhub.esl.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;

/** One message from FreeSWITCH: its outer headers, its body bytes and, for a plain event, the parsed event. */
public final class EslFrame {

    public static final String CONTENT_TYPE = "Content-Type";
    public static final String CONTENT_LENGTH = "Content-Length";
    public static final String REPLY_TEXT = "Reply-Text";

    public static final String AUTH_REQUEST = "auth/request";
    public static final String COMMAND_REPLY = "command/reply";
    public static final String API_RESPONSE = "api/response";
    public static final String EVENT_PLAIN = "text/event-plain";
    public static final String DISCONNECT_NOTICE = "text/disconnect-notice";
    public static final String RUDE_REJECTION = "text/rude-rejection";

    private static final byte[] NO_BODY = new byte[0];

    private final Map<String, String> headers;
    /** The body is {@code bytes[bodyStart, bodyStart + bodyLength)}: often a slice of the socket chunk it came in. */
    private final byte[] bytes;
    private final int bodyStart;
    private final int bodyLength;
    /** A body cut between two socket reads goes on in {@code rest[restStart, restStart + restLength)}; else null. */
    private final byte[] rest;
    private final int restStart;
    private final int restLength;
    private final EslEvent event;

    EslFrame(Map<String, String> headers, byte[] bytes, int bodyStart, int bodyLength, EslEvent event) {
        this(headers, bytes, bodyStart, bodyLength, null, 0, 0, event);
    }

    EslFrame(Map<String, String> headers, byte[] bytes, int bodyStart, int bodyLength, byte[] rest, int restStart,
            int restLength, EslEvent event) {
        this.headers = Collections.unmodifiableMap(headers);
        this.bytes = bytes == null ? NO_BODY : bytes;
        this.bodyStart = bodyStart;
        this.bodyLength = bodyLength;
        this.rest = rest;
        this.restStart = restStart;
        this.restLength = restLength;
        this.event = event;
    }

    public String contentType() {
        return headers.get(CONTENT_TYPE);
    }

    public boolean is(String contentType) {
        return contentType.equals(contentType());
    }

    /** An outer header as sent (outer headers are not url-encoded, apart from the outbound-mode connect reply). */
    public String header(String name) {
        return headers.get(name);
    }

    public Map<String, String> headers() {
        return headers;
    }

    public String replyText() {
        String text = headers.get(REPLY_TEXT);
        return text == null ? "" : text;
    }

    public byte[] body() {
        byte[] body = Arrays.copyOfRange(bytes, bodyStart, bodyStart + bodyLength + restLength);
        if (rest != null) {
            System.arraycopy(rest, restStart, body, bodyLength, restLength);
        }
        return body;
    }

    public int bodyLength() {
        return bodyLength + restLength;
    }

    public String bodyText() {
        // A body in two parts is joined first: the cut may fall inside a UTF-8 character.
        return rest == null
                ? new String(bytes, bodyStart, bodyLength, StandardCharsets.UTF_8)
                : new String(body(), StandardCharsets.UTF_8);
    }

    /** The parsed event of a {@code text/event-plain} frame, else null. */
    public EslEvent event() {
        return event;
    }

    @Override
    public String toString() {
        return "EslFrame[" + contentType() + ", " + bodyLength() + " bytes" + (event == null ? "" : ", " + event) + "]";
    }
}
