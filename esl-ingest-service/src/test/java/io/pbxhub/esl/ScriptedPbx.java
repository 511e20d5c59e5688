package io.pbxhub.esl;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;

/**
 * A scripted mod_event_socket on a real socket, for what the shared simulator does not do yet (PRESENCE_IN,
 * registrations, api/bgapi replies): the handshake as FreeSWITCH answers it, canned {@code api} answers, {@code bgapi}
 * with a Job-UUID reply and a BACKGROUND_JOB event, and events the test writes itself in the wire format of the real
 * captures (url-encoded values, Content-Length in bytes).
 */
public final class ScriptedPbx implements AutoCloseable {

    public static final String CORE_UUID = "ac1ed77b-cf11-4f8a-a36f-3feeb6b53d0e";

    private final Vertx vertx = Vertx.vertx();
    private final String password;
    private final NetServer server;
    private final AtomicLong sequence = new AtomicLong(1000);
    public final List<String> commands = new CopyOnWriteArrayList<>();
    public final List<NetSocket> subscribed = new CopyOnWriteArrayList<>();
    /** {@code api} command (without "api ") → api/response body; unknown commands get FreeSWITCH's -ERR. */
    public final Map<String, String> apiAnswers = new ConcurrentHashMap<>();
    /** {@code bgapi} arguments → BACKGROUND_JOB body; null = send no BACKGROUND_JOB at all. */
    public volatile Function<String, String> bgapiResult = args -> "+OK " + UUID.randomUUID() + "\n";
    /** When set, api commands are never answered (a PBX that stalls). */
    public volatile boolean silent;

    private ScriptedPbx(String password) throws Exception {
        this.password = password;
        this.server = vertx.createNetServer().connectHandler(this::accept);
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public static ScriptedPbx start(String password) {
        try {
            return new ScriptedPbx(password);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return server.actualPort();
    }

    private void accept(NetSocket socket) {
        socket.handler(RecordParser.newDelimited("\n\n", record -> command(socket, record.toString().strip())));
        socket.write("Content-Type: auth/request\n\n");
    }

    private void command(NetSocket socket, String command) {
        commands.add(command);
        if (command.startsWith("auth ")) {
            if (command.equals("auth " + password)) {
                reply(socket, "+OK accepted");
            } else {
                socket.write("Content-Type: command/reply\nReply-Text: -ERR invalid\n\n")
                        .onComplete(ar -> socket.close());
            }
        } else if (command.startsWith("event ")) {
            reply(socket, "+OK event listener enabled plain");
            subscribed.add(socket);
        } else if (command.startsWith("api ")) {
            if (silent) {
                return;
            }
            String answer = apiAnswers.getOrDefault(command.substring(4), "-ERR " + command.substring(4)
                    + " Command not found!\n");
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            socket.write("Content-Type: api/response\nContent-Length: " + body.length + "\n\n");
            socket.write(Buffer.buffer(body));
        } else if (command.startsWith("bgapi ")) {
            String job = UUID.randomUUID().toString();
            socket.write("Content-Type: command/reply\nReply-Text: +OK Job-UUID: " + job + "\nJob-UUID: " + job
                    + "\n\n");
            String result = bgapiResult.apply(command.substring(6));
            if (result != null) {
                String args = command.substring(6);
                int space = args.indexOf(' ');
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("Event-Name", "BACKGROUND_JOB");
                headers.put("Job-UUID", job);
                headers.put("Job-Command", space < 0 ? args : args.substring(0, space));
                headers.put("Job-Command-Arg", space < 0 ? "" : args.substring(space + 1));
                socket.write(Buffer.buffer(event(headers, result)));
            }
        } else {
            reply(socket, "-ERR command not found");
        }
    }

    private static void reply(NetSocket socket, String text) {
        socket.write("Content-Type: command/reply\nReply-Text: " + text + "\n\n");
    }

    /** Sends an event to every subscribed connection; Core-UUID, Event-Sequence and Event-Date-Timestamp are added. */
    public void send(Map<String, String> headers) {
        byte[] frame = event(headers, null);
        subscribed.forEach(s -> s.write(Buffer.buffer(frame)));
    }

    /** Closes every connection (a PBX restart); the service reconnects. */
    public void dropConnections() {
        subscribed.forEach(NetSocket::close);
        subscribed.clear();
    }

    private byte[] event(Map<String, String> given, String body) {
        Map<String, String> headers = new LinkedHashMap<>(given);
        headers.putIfAbsent("Core-UUID", CORE_UUID);
        headers.putIfAbsent("Event-Date-Timestamp", String.valueOf(System.currentTimeMillis() * 1000));
        headers.putIfAbsent("Event-Sequence", String.valueOf(sequence.incrementAndGet()));
        StringBuilder text = new StringBuilder();
        headers.forEach((name, value) -> text.append(name).append(": ").append(encode(value)).append('\n'));
        byte[] bodyBytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            text.append("Content-Length: ").append(bodyBytes.length).append('\n');
        }
        text.append('\n');
        byte[] head = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + bodyBytes.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bodyBytes, 0, all, head.length, bodyBytes.length);
        String outer = "Content-Length: " + all.length + "\nContent-Type: text/event-plain\n\n";
        byte[] outerBytes = outer.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[outerBytes.length + all.length];
        System.arraycopy(outerBytes, 0, frame, 0, outerBytes.length);
        System.arraycopy(all, 0, frame, outerBytes.length, all.length);
        return frame;
    }

    /** FreeSWITCH's switch_url_encode: everything but letters, digits and -._ is %XX (a space is %20, never +). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("~", "%7E");
    }

    /** The headers of one channel event of {@code uuid} for {@code extension@domain}. */
    public static Map<String, String> channel(String eventName, String uuid, String extension, String domain,
            String destination) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Event-Name", eventName);
        h.put("Unique-ID", uuid);
        h.put("Channel-Call-UUID", uuid);
        h.put("Call-Direction", "inbound");
        h.put("Channel-Presence-ID", extension + "@" + domain);
        h.put("Caller-Caller-ID-Number", extension);
        h.put("Caller-Caller-ID-Name", "Ext " + extension);
        h.put("Caller-Destination-Number", destination);
        h.put("variable_domain_name", domain);
        if (!"CHANNEL_CREATE".equals(eventName)) {
            h.put("variable_call_direction", "outbound");
        }
        return h;
    }

    /** A CUSTOM sofia::register / unregister / expire event as sofia_reg.c fires it. */
    public static Map<String, String> registration(String subclass, String user, String domain) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Event-Subclass", subclass);
        h.put("Event-Name", "CUSTOM");
        h.put("profile-name", "internal");
        h.put("from-user", user);
        h.put("from-host", domain);
        h.put("realm", domain);
        h.put("username", user);
        h.put("network-ip", "127.0.0.1");
        h.put("network-port", "5060");
        return h;
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
