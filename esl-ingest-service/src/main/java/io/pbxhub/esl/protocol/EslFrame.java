package io.pbxhub.esl.protocol;

import java.nio.charset.StandardCharsets;
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
    private final byte[] body;
    private final EslEvent event;

    EslFrame(Map<String, String> headers, byte[] body, EslEvent event) {
        this.headers = Collections.unmodifiableMap(headers);
        this.body = body == null ? NO_BODY : body;
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
        return body.clone();
    }

    public int bodyLength() {
        return body.length;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The parsed event of a {@code text/event-plain} frame, else null. */
    public EslEvent event() {
        return event;
    }

    @Override
    public String toString() {
        return "EslFrame[" + contentType() + ", " + body.length + " bytes" + (event == null ? "" : ", " + event) + "]";
    }
}
