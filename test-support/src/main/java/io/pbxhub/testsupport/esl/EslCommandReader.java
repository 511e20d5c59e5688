package io.pbxhub.testsupport.esl;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads client commands the way read_packet in mod_event_socket.c does: leading CR/LF skipped, a packet ends at the
 * second LF in a row (CR in between is ignored, so CRLF works), the first line is the command, the next lines are
 * {@code Name: value} headers, and a {@code Content-Length} header is followed by that many body bytes.
 */
final class EslCommandReader {

    /** Caps a header block or body so a broken client cannot make the simulator buffer without end. */
    static final int MAX_BYTES = 1 << 20;

    private final InputStream in;

    EslCommandReader(InputStream in) {
        this.in = in;
    }

    /** The next command, or empty when the client closed the connection. */
    Optional<EslCommand> next() throws IOException {
        ByteArrayOutputStream packet = new ByteArrayOutputStream(256);
        int newlines = 0;
        while (newlines < 2) {
            int b = in.read();
            if (b < 0) {
                return Optional.empty();
            }
            if (packet.size() == 0 && (b == '\r' || b == '\n')) {
                continue;
            }
            packet.write(b);
            if (b == '\n') {
                newlines++;
            } else if (b != '\r') {
                newlines = 0;
            }
            if (packet.size() >= MAX_BYTES) {
                throw new IOException("command longer than " + MAX_BYTES + " bytes");
            }
        }
        return Optional.of(parse(packet.toString(StandardCharsets.UTF_8)));
    }

    private EslCommand parse(String packet) throws IOException {
        String[] lines = packet.split("[\r\n]+");
        List<EslEvent.Header> headers = new ArrayList<>();
        String body = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon);
            String value = lines[i].substring(colon + 1).stripLeading();
            headers.add(new EslEvent.Header(name, value));
            if ("content-length".equalsIgnoreCase(name)) {
                body = readBody(value);
            }
        }
        return new EslCommand(lines[0], headers, body);
    }

    private String readBody(String lengthValue) throws IOException {
        int length;
        try {
            length = Integer.parseInt(lengthValue.trim());
        } catch (NumberFormatException e) {
            return null;
        }
        if (length <= 0) {
            return null;
        }
        if (length > MAX_BYTES) {
            throw new IOException("command body longer than " + MAX_BYTES + " bytes");
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("connection closed inside a command body");
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    /** One command: its first line, its header lines and an optional body. */
    record EslCommand(String line, List<EslEvent.Header> headers, String body) {

        Optional<String> header(String name) {
            return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(EslEvent.Header::value)
                    .findFirst();
        }
    }
}
