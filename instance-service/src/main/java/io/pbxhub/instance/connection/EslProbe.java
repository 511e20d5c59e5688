package io.pbxhub.instance.connection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.pbxhub.instance.connection.ProbeResult.Outcome;

/**
 * Connects to FreeSWITCH's Event Socket, expects the {@code auth/request} greeting, authenticates and expects
 * {@code +OK accepted}, then says {@code exit}. The whole exchange shares one deadline.
 */
final class EslProbe {

    private static final int MAX_HEADER_BYTES = 8192;

    private EslProbe() {
    }

    static ProbeResult probe(ProbeTarget t, Duration timeout) {
        long started = System.nanoTime();
        if (t.eslHost() == null) {
            return ProbeResult.failed(Outcome.NOT_CONFIGURED, "no ESL connection configured", started);
        }
        int millis = (int) Math.max(100, timeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(t.eslHost(), t.eslPort()), millis);
            socket.setSoTimeout(millis);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String greeting = readHeaders(in);
            if (greeting.contains("text/rude-rejection")) {
                return ProbeResult.failed(Outcome.REFUSED,
                        "FreeSWITCH's ESL access list rejects this server: add its address to the event_socket ACL",
                        started);
            }
            if (!greeting.contains("Content-Type: auth/request")) {
                return ProbeResult.failed(Outcome.PROTOCOL_ERROR,
                        t.eslHost() + ":" + t.eslPort() + " answered, but not as FreeSWITCH's Event Socket", started);
            }
            out.write(("auth " + t.eslPassword() + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String reply = readHeaders(in);
            if (reply.contains("Reply-Text: +OK accepted")) {
                out.write("exit\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                return ProbeResult.ok("connected and authenticated", started);
            }
            if (reply.contains("-ERR invalid")) {
                return ProbeResult.failed(Outcome.BAD_CREDENTIALS,
                        "FreeSWITCH refused the ESL password (event_socket.conf.xml)", started);
            }
            return ProbeResult.failed(Outcome.PROTOCOL_ERROR, "unexpected reply to auth", started);
        } catch (IOException e) {
            Outcome network = NetworkFailures.classify(e);
            if (network == null) {
                return ProbeResult.failed(Outcome.PROTOCOL_ERROR,
                        "the ESL connection broke: " + e.getClass().getSimpleName(), started);
            }
            return ProbeResult.failed(network, NetworkFailures.describe(network, t.eslHost(), t.eslPort()), started);
        }
    }

    /** Reads one header block (up to the blank line); ESL replies to auth carry no body. */
    private static String readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int previous = -1;
        while (buf.size() < MAX_HEADER_BYTES) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed by peer");
            }
            if (b == '\r') {
                continue;
            }
            if (b == '\n' && previous == '\n') {
                break;
            }
            buf.write(b);
            previous = b;
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
