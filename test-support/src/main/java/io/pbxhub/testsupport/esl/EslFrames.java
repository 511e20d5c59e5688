package io.pbxhub.testsupport.esl;

import java.nio.charset.StandardCharsets;

/** The frames mod_event_socket writes, byte for byte (LF only; Content-Length counts UTF-8 bytes). */
final class EslFrames {

    /** The message of a normal close (listener_run in mod_event_socket.c): 67 bytes. */
    static final String GOODBYE = "Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n";

    private EslFrames() {
    }

    static byte[] authRequest() {
        return ascii("Content-Type: auth/request\n\n");
    }

    static byte[] commandReply(String replyText) {
        return utf8("Content-Type: command/reply\nReply-Text: " + replyText + "\n\n");
    }

    /** A reply carrying extra header lines after Reply-Text (what the source builds with a leading {@code ~}). */
    static byte[] commandReplyWithHeaders(String headerLines) {
        return utf8("Content-Type: command/reply\n" + headerLines + "\n");
    }

    /** Note the header order: Content-Type before Content-Length, unlike events. */
    static byte[] apiResponse(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return concat(ascii("Content-Type: api/response\nContent-Length: " + bytes.length + "\n\n"), bytes);
    }

    static byte[] event(EventFormat format, String serializedEvent) {
        byte[] bytes = serializedEvent.getBytes(StandardCharsets.UTF_8);
        return concat(ascii("Content-Length: " + bytes.length + "\nContent-Type: " + format.contentType() + "\n\n"),
                bytes);
    }

    /**
     * A log line as mod_event_socket forwards it (Text-Channel 3 is a channel's log, User-Data its UUID; a line
     * logged without a session, as mod_event_socket's own, has no User-Data).
     */
    static byte[] logData(LogLevel level, String file, String function, int line, String userData, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return concat(utf8("Content-Type: log/data\nContent-Length: " + bytes.length + "\nLog-Level: "
                + level.number() + "\nText-Channel: 3\nLog-File: " + file + "\nLog-Func: " + function
                + "\nLog-Line: " + line + (userData == null || userData.isEmpty() ? "" : "\nUser-Data: " + userData)
                + "\n\n"), bytes);
    }

    static byte[] disconnectNotice() {
        byte[] bytes = GOODBYE.getBytes(StandardCharsets.US_ASCII);
        return concat(ascii("Content-Type: text/disconnect-notice\nContent-Length: " + bytes.length + "\n\n"), bytes);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] head, byte[] tail) {
        byte[] out = new byte[head.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }
}
