package io.pbxhub.esl.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** {@code Name: value} lines as both the outer frame and a plain event body carry them. */
final class EslHeaderLine {

    private EslHeaderLine() {
    }

    /**
     * Adds the header in {@code bytes[from, to)} (line end already stripped) to {@code headers}. The first occurrence
     * of
     * a name wins. Control bytes mean the stream is not ESL: FreeSWITCH url-encodes every value.
     */
    static void parse(byte[] bytes, int from, int to, Map<String, String> headers) {
        int colon = -1;
        for (int i = from; i < to; i++) {
            int b = bytes[i] & 0xFF;
            if ((b < 0x20 && b != '\t') || b == 0x7F) {
                throw new EslProtocolException("control byte 0x" + Integer.toHexString(b) + " in a header line");
            }
            if (b == ':' && colon < 0) {
                colon = i;
            }
        }
        if (colon <= from) {
            throw new EslProtocolException("malformed header line: " + preview(bytes, from, to));
        }
        int valueStart = colon + 1;
        while (valueStart < to && bytes[valueStart] == ' ') {
            valueStart++;
        }
        String name = new String(bytes, from, colon - from, StandardCharsets.UTF_8).trim();
        if (name.isEmpty()) {
            throw new EslProtocolException("header line without a name: " + preview(bytes, from, to));
        }
        headers.putIfAbsent(name, new String(bytes, valueStart, to - valueStart, StandardCharsets.UTF_8));
    }

    /** A Content-Length value: decimal digits only, at most {@code max}. */
    static long parseContentLength(String value, long max) {
        String v = value.trim();
        if (v.isEmpty() || v.length() > 12) {
            throw new EslProtocolException("bad Content-Length: '" + abbreviate(value) + "'");
        }
        long length = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                throw new EslProtocolException("bad Content-Length: '" + abbreviate(value) + "'");
            }
            length = length * 10 + (c - '0');
        }
        if (length > max) {
            throw new EslProtocolException("Content-Length " + length + " exceeds the limit of " + max + " bytes");
        }
        return length;
    }

    private static String preview(byte[] bytes, int from, int to) {
        return abbreviate(new String(bytes, from, Math.min(to - from, 60), StandardCharsets.UTF_8));
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
