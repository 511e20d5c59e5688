package io.pbxhub.esl.protocol;

import java.nio.charset.StandardCharsets;

/** Decoding of the url-encoded header values FreeSWITCH writes in plain events (switch_url_encode_opt). */
public final class EslValues {

    private EslValues() {
    }

    /**
     * Decodes {@code %XX} escapes as UTF-8 bytes. Unlike {@link java.net.URLDecoder}, '+' stays '+' (FreeSWITCH writes
     * a real plus as {@code %2B}), and a '%' not followed by two hex digits is kept as it is instead of failing.
     */
    public static String urlDecode(String raw) {
        if (raw == null || raw.indexOf('%') < 0) {
            return raw;
        }
        byte[] in = raw.getBytes(StandardCharsets.UTF_8);
        return urlDecode(in, 0, in.length);
    }

    /**
     * {@link #urlDecode(String)} of the UTF-8 bytes {@code in[from, from + length)}, without an intermediate String.
     */
    public static String urlDecode(byte[] in, int from, int length) {
        int end = from + length;
        int percent = from;
        while (percent < end && in[percent] != '%') {
            percent++;
        }
        if (percent == end) {
            return new String(in, from, length, StandardCharsets.UTF_8);
        }
        byte[] out = new byte[length];
        int n = percent - from;
        System.arraycopy(in, from, out, 0, n);
        for (int i = percent; i < end; i++) {
            byte b = in[i];
            if (b == '%' && i + 2 < end) {
                int hi = hex(in[i + 1]);
                int lo = hex(in[i + 2]);
                if (hi >= 0 && lo >= 0) {
                    out[n++] = (byte) ((hi << 4) | lo);
                    i += 2;
                    continue;
                }
            }
            out[n++] = b;
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
