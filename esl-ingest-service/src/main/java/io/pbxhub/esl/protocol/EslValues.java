package io.pbxhub.esl.protocol;

import java.io.ByteArrayOutputStream;
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
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '%' && i + 2 < in.length) {
                int hi = Character.digit(in[i + 1], 16);
                int lo = Character.digit(in[i + 2], 16);
                if (hi >= 0 && lo >= 0) {
                    out.write((hi << 4) | lo);
                    i += 2;
                    continue;
                }
            }
            out.write(b);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
