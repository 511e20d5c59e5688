package io.pbxhub.testsupport.esl;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A raw-socket ESL client for tests: writes commands, reads whole frames by Content-Length. */
final class EslTestClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;

    private EslTestClient(Socket socket) throws IOException {
        this.socket = socket;
        this.socket.setSoTimeout(5_000);
        this.in = new BufferedInputStream(socket.getInputStream());
    }

    static EslTestClient connect(EslSimulator sim) {
        try {
            return new EslTestClient(new Socket(sim.host(), sim.port()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connects, reads the greeting, authenticates and subscribes ({@code null} skips the subscription). */
    static EslTestClient subscribed(EslSimulator sim, String password, String eventCommand) {
        EslTestClient client = connect(sim);
        client.read();
        client.send("auth " + password);
        client.read();
        if (eventCommand != null) {
            client.send(eventCommand);
            client.read();
        }
        return client;
    }

    /** Sends one command line followed by the blank line that ends it. */
    void send(String command) {
        sendRaw(command + "\n\n");
    }

    void sendRaw(String bytes) {
        try {
            socket.getOutputStream().write(bytes.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one frame: header lines, a blank line, then exactly Content-Length bytes. */
    Frame read() {
        try {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int previous = -1;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("connection closed before a frame");
                }
                if (b == '\n' && previous == '\n') {
                    break;
                }
                head.write(b);
                previous = b;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            List<String> order = new ArrayList<>();
            for (String line : head.toString(StandardCharsets.UTF_8).split("\n")) {
                int colon = line.indexOf(": ");
                headers.put(line.substring(0, colon), line.substring(colon + 2));
                order.add(line.substring(0, colon));
            }
            int length = Integer.parseInt(headers.getOrDefault("Content-Length", "0"));
            byte[] body = in.readNBytes(length);
            if (body.length < length) {
                throw new EOFException("connection closed inside a body");
            }
            return new Frame(head.toString(StandardCharsets.UTF_8) + "\n", headers, order, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Exactly {@code n} raw bytes, whatever they are. */
    byte[] readRaw(int n) {
        try {
            byte[] bytes = in.readNBytes(n);
            if (bytes.length < n) {
                throw new EOFException("connection closed after " + bytes.length + " of " + n + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every byte until the server closes the connection. */
    byte[] readToEnd() {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Changes how long a read waits for data. */
    void timeout(int millis) {
        try {
            socket.setSoTimeout(millis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the server closed the connection and nothing more is to be read. */
    boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Makes sure nothing else was queued before: the reply to an api command must be the very next frame. */
    Frame nextAfterRoundTrip() {
        send("api version");
        return read();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a test client
        }
    }

    /** One frame as received; {@code rawHead} is the header block exactly as written, with its blank line. */
    record Frame(String rawHead, Map<String, String> headers, List<String> headerOrder, byte[] body) {

        String header(String name) {
            return headers.get(name);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The event's header lines with values as sent (url-encoded), up to the blank line ending them. */
        Map<String, String> rawEventHeaders() {
            String text = bodyText();
            int end = text.indexOf("\n\n");
            Map<String, String> out = new LinkedHashMap<>();
            for (String line : text.substring(0, end).split("\n")) {
                int colon = line.indexOf(": ");
                out.putIfAbsent(line.substring(0, colon), line.substring(colon + 2));
            }
            return out;
        }

        /** The same headers decoded with the JDK's decoder (FreeSWITCH never leaves a literal '+' in a value). */
        Map<String, String> eventHeaders() {
            Map<String, String> out = new LinkedHashMap<>();
            rawEventHeaders().forEach((k, v) -> out.put(k, URLDecoder.decode(v, StandardCharsets.UTF_8)));
            return out;
        }

        String event(String name) {
            return eventHeaders().get(name);
        }
    }
}
