package io.pbxhub.testsupport.esl;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Header value encoding exactly as FreeSWITCH writes plain events: {@code switch_url_encode} (switch_utils.c) with the
 * {@code SWITCH_URL_UNSAFE} set, and {@code switch_url_decode} for reading captures back.
 */
final class EslUrlCodec {

    /** SWITCH_URL_UNSAFE in switch_utils.h; bytes below 0x20 and above 0x7E are escaped as well. */
    private static final String UNSAFE = "\r\n #%&+:;<=>?@[\\]^`{|}\"";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private EslUrlCodec() {
    }

    /** Encodes the UTF-8 bytes of {@code value}; a {@code %} already followed by two uppercase hex digits is kept. */
    static String encode(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if (b == '%' && i + 2 < bytes.length && isUpperHex(bytes[i + 1]) && isUpperHex(bytes[i + 2])) {
                out.append('%');
            } else if (b < 0x20 || b > 0x7E || UNSAFE.indexOf(b) >= 0) {
                out.append('%').append(HEX[b >> 4]).append(HEX[b & 0x0F]);
            } else {
                out.append((char) b);
            }
        }
        return out.toString();
    }

    /** Decodes {@code %XX} (either case) to bytes and reads them as UTF-8; {@code +} stays a plus, as in FreeSWITCH. */
    static String decode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        byte[] in = value.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%' && i + 2 < in.length && hexValue(in[i + 1]) >= 0 && hexValue(in[i + 2]) >= 0) {
                out.write(hexValue(in[i + 1]) << 4 | hexValue(in[i + 2]));
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isUpperHex(byte b) {
        return b >= '0' && b <= '9' || b >= 'A' && b <= 'F';
    }

    private static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return -1;
    }
}
