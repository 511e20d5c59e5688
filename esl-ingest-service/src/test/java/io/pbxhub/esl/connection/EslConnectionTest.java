package io.pbxhub.esl.connection;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pbxhub.esl.messaging.PublishPressure;
import io.pbxhub.esl.protocol.EslEvent;
import io.pbxhub.esl.protocol.WireCaptures;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The connection against a minimal scripted ESL server on a real socket (the full simulator is used by the Quarkus
 * tests). The server answers exactly as mod_event_socket does: greeting, {@code +OK accepted} or {@code -ERR invalid}
 * and close, {@code +OK event listener enabled plain}.
 */
class EslConnectionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private Vertx vertx;
    private NetClient client;
    private FakeFreeSwitch pbx;
    private final Recorder recorder = new Recorder();
    private EslConnection connection;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        client = vertx.createNetClient();
        pbx = new FakeFreeSwitch("ClueCon");
        pbx.listen();
    }

    @AfterEach
    void stop() throws Exception {
        if (connection != null) {
            connection.stop();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void authenticatesSubscribesAndDeliversEachEventOnce() {
        connection = open(id -> CompletableFuture.completedFuture("ClueCon"));

        await().atMost(WAIT).until(() -> recorder.ups.get() == 1);
        assertThat(pbx.commands).containsExactly("auth ClueCon", EslConnection.SUBSCRIPTION.strip(),
                EslConnection.LOG_SUBSCRIPTION.strip());
        assertThat(connection.state()).isEqualTo(EslConnection.State.UP);

        byte[] create = WireCaptures.bytes("neventsocket_CHANNEL_CREATE.wire.txt");
        pbx.sendToAll(create);
        pbx.sendToAll(create); // a replay: same Core-UUID and Event-Sequence
        pbx.sendToAll(WireCaptures.bytes("neventsocket_CHANNEL_BRIDGE.wire.txt"));

        await().atMost(WAIT).until(() -> recorder.events.size() == 2);
        assertThat(recorder.events).extracting(EslEvent::name).containsExactly("CHANNEL_CREATE", "CHANNEL_BRIDGE");
        assertThat(recorder.downs).isEmpty();
    }

    @Test
    void connectionsOpenedFromOneContextRunOnDifferentEventLoops() throws Exception {
        CompletableFuture<EslConnection[]> opened = new CompletableFuture<>();
        vertx.runOnContext(v -> opened.complete(new EslConnection[]{open(id -> CompletableFuture.completedFuture(
                "ClueCon")), open(id -> CompletableFuture.completedFuture("ClueCon"))}));
        EslConnection[] both = opened.get(10, TimeUnit.SECONDS);
        try {
            await().atMost(WAIT).until(() -> recorder.ups.get() == 2);
            assertThat(recorder.upThreads).hasSize(2).allMatch(name -> name.startsWith("vert.x-eventloop-thread-"));
        } finally {
            both[0].stop();
            both[1].stop();
        }
    }

    @Test
    void wrongPasswordIsReportedOnceAsBadCredentialsAndRetried() {
        connection = open(id -> CompletableFuture.completedFuture("wrong"));

        await().atMost(WAIT).until(() -> pbx.connections.get() >= 3);
        assertThat(recorder.downs).containsExactly(EslConnection.BAD_CREDENTIALS);
        assertThat(recorder.ups.get()).isZero();
        assertThat(connection.state()).isEqualTo(EslConnection.State.DOWN);
        assertThat(connection.lastReason()).isEqualTo("bad credentials");
    }

    @Test
    void aPasswordFixedInInstanceServiceIsUsedByTheNextAttempt() {
        AtomicInteger asked = new AtomicInteger();
        connection = open(id -> CompletableFuture.completedFuture(asked.incrementAndGet() < 2 ? "old" : "ClueCon"));

        await().atMost(WAIT).until(() -> recorder.ups.get() == 1);
        assertThat(recorder.downs).containsExactly(EslConnection.BAD_CREDENTIALS);
    }

    @Test
    void garbageFromThePbxClosesTheConnectionAndItReconnects() {
        pbx.garbageAfterSubscribeOnConnection = 1;
        connection = open(id -> CompletableFuture.completedFuture("ClueCon"));

        // the garbage comes before the connection is up (it still awaits the log reply): down, then up on the next
        await().atMost(WAIT).until(() -> recorder.ups.get() == 1 && pbx.connections.get() == 2);
        assertThat(recorder.downs).singleElement().asString().startsWith("ESL protocol error");
    }

    @Test
    void anEventThatComesBeforeTheReplyToLogIsDelivered() {
        pbx.beforeLogReply = WireCaptures.bytes("neventsocket_CHANNEL_CREATE.wire.txt");
        connection = open(id -> CompletableFuture.completedFuture("ClueCon"));

        await().atMost(WAIT).until(() -> recorder.ups.get() == 1 && recorder.events.size() == 1);
        assertThat(recorder.events).extracting(EslEvent::name).containsExactly("CHANNEL_CREATE");
    }

    @Test
    void aPbxThatHangsUpIsReconnected() {
        connection = open(id -> CompletableFuture.completedFuture("ClueCon"));
        await().atMost(WAIT).until(() -> recorder.ups.get() == 1);

        pbx.closeAll();

        await().atMost(WAIT).until(() -> recorder.ups.get() == 2);
        assertThat(recorder.downs).containsExactly("connection closed by the PBX");
    }

    @Test
    void anUnreachablePbxIsDownWithTheReason() throws Exception {
        pbx.close();
        // Closing a listening socket is not instant everywhere: connect only once the port refuses.
        await().atMost(WAIT).until(() -> refuses(pbx.port));
        connection = open(id -> CompletableFuture.completedFuture("ClueCon"));

        await().atMost(WAIT).until(() -> !recorder.downs.isEmpty());
        assertThat(recorder.downs.get(0)).startsWith("cannot connect to 127.0.0.1:" + pbx.port);
    }

    @Test
    void credentialsServiceTroubleIsRetriedAndAGoneInstanceStopsTheConnection() {
        AtomicInteger asked = new AtomicInteger();
        connection = open(id -> asked.incrementAndGet() == 1
                ? CompletableFuture.failedFuture(new IllegalStateException("503 Service Unavailable"))
                : CompletableFuture.failedFuture(new InstanceGoneException("gone")));

        await().atMost(WAIT).until(() -> recorder.gone.get() == 1);
        assertThat(recorder.downs).singleElement().asString().contains("credentials unavailable")
                .contains("503");
        assertThat(connection.state()).isEqualTo(EslConnection.State.STOPPED);
        assertThat(pbx.connections.get()).isZero();
    }

    @Test
    void aStoppedConnectionDoesNotReconnectOrReportDown() throws Exception {
        connection = open(id -> CompletableFuture.completedFuture("ClueCon"));
        await().atMost(WAIT).until(() -> recorder.ups.get() == 1);

        connection.stop();
        Thread.sleep(800);

        assertThat(recorder.downs).isEmpty();
        assertThat(pbx.connections.get()).isEqualTo(1);
        assertThat(connection.state()).isEqualTo(EslConnection.State.STOPPED);
    }

    @Test
    void whileKafkaLagsTheSocketIsNotReadAndNothingIsLostWhenItCatchesUp() {
        PublishPressure pressure = new PublishPressure(1, 0);
        AtomicInteger pauses = new AtomicInteger();
        Recorder publishing = new Recorder() {
            @Override
            public void event(EslConnection c, EslEvent event) {
                super.event(c, event);
                pressure.sent(); // what the publishers do; the test plays Kafka's ack
            }
        };
        connection = new EslConnection(new EslInstance(UUID.randomUUID(), "t1", "127.0.0.1", pbx.port), vertx,
                client, id -> CompletableFuture.completedFuture("ClueCon"), publishing,
                new ReconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200), new Random(1)),
                Duration.ofSeconds(5), new EventDedupWindow(100), pressure, pauses::incrementAndGet);
        connection.start();
        await().atMost(WAIT).until(() -> publishing.ups.get() == 1);

        pbx.sendToAll(WireCaptures.bytes("neventsocket_CHANNEL_CREATE.wire.txt"));
        await().atMost(WAIT).until(() -> connection.paused());
        pbx.sendToAll(WireCaptures.bytes("neventsocket_CHANNEL_BRIDGE.wire.txt"));
        pbx.sendToAll(WireCaptures.bytes("neventsocket_CHANNEL_HANGUP.wire.txt"));
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> publishing.events.size() == 1);
        assertThat(pauses.get()).isEqualTo(1);

        // acks let the rest through; the frames of one chunk are all handled, so two may come at once
        while (publishing.events.size() < 3) {
            int before = publishing.events.size();
            pressure.settled();
            await().atMost(WAIT).until(() -> publishing.events.size() > before);
        }
        assertThat(pauses.get()).isBetween(2, 3);
        assertThat(publishing.events).extracting(EslEvent::name).containsExactly("CHANNEL_CREATE",
                "CHANNEL_BRIDGE", "CHANNEL_HANGUP");
        assertThat(publishing.downs).isEmpty();
    }

    @Test
    void eventsKeptByAListenerStayIntactWhileTheSocketGoesOnReading() {
        // The decoder keeps references into the chunks Vert.x hands the socket handler: this holds only as long as
        // Vert.x never reuses a chunk's memory for a later read.
        connection = open(id -> CompletableFuture.completedFuture("ClueCon"));
        await().atMost(WAIT).until(() -> recorder.ups.get() == 1);
        int count = 3000;
        StringBuilder wire = new StringBuilder();
        for (int seq = 1; seq <= count; seq++) {
            String body = "Event-Name: CUSTOM\nCore-UUID: core-1\nEvent-Sequence: " + seq + "\nvariable_pad: "
                    + Integer.toString(seq, 36).repeat(50 + seq % 200) + "\n\n";
            wire.append("Content-Length: ").append(body.length()).append("\nContent-Type: text/event-plain\n\n")
                    .append(body);
            if (seq % 100 == 0) {
                pbx.sendToAll(wire.toString().getBytes(StandardCharsets.UTF_8));
                wire.setLength(0);
            }
        }

        await().atMost(WAIT).until(() -> recorder.events.size() == count);
        for (int i = 0; i < count; i++) {
            EslEvent event = recorder.events.get(i);
            int seq = i + 1;
            assertThat(event.raw("Event-Sequence")).isEqualTo(Integer.toString(seq));
            assertThat(event.raw("variable_pad")).as("event %d", seq)
                    .isEqualTo(Integer.toString(seq, 36).repeat(50 + seq % 200));
        }
    }

    private EslConnection open(Function<UUID, CompletableFuture<String>> passwords) {
        EslConnection c = new EslConnection(new EslInstance(UUID.randomUUID(), "t1", "127.0.0.1", pbx.port), vertx,
                client, passwords::apply, recorder,
                new ReconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200), new Random(1)),
                Duration.ofSeconds(5), new EventDedupWindow(100));
        c.start();
        return c;
    }

    private static class Recorder implements EslConnectionListener {
        final AtomicInteger ups = new AtomicInteger();
        final Set<String> upThreads = ConcurrentHashMap.newKeySet();
        final AtomicInteger gone = new AtomicInteger();
        final List<String> downs = new CopyOnWriteArrayList<>();
        final List<EslEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void up(EslConnection connection) {
            upThreads.add(Thread.currentThread().getName());
            ups.incrementAndGet();
        }

        @Override
        public void down(EslConnection connection, String reason) {
            downs.add(reason);
        }

        @Override
        public void event(EslConnection connection, EslEvent event) {
            events.add(event);
        }

        @Override
        public void gone(EslConnection connection) {
            gone.incrementAndGet();
        }
    }

    /** Just enough of mod_event_socket for the connection's handshake. */
    private final class FakeFreeSwitch {
        final String password;
        final List<String> commands = new CopyOnWriteArrayList<>();
        final List<NetSocket> sockets = new CopyOnWriteArrayList<>();
        final AtomicInteger connections = new AtomicInteger();
        volatile int garbageAfterSubscribeOnConnection;
        volatile byte[] beforeLogReply;
        NetServer server;
        int port;

        FakeFreeSwitch(String password) {
            this.password = password;
        }

        void listen() throws Exception {
            server = vertx.createNetServer().connectHandler(this::accept);
            port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                    .actualPort();
        }

        private void accept(NetSocket socket) {
            int number = connections.incrementAndGet();
            sockets.add(socket);
            socket.handler(RecordParser.newDelimited("\n\n", record -> {
                String command = record.toString().strip();
                commands.add(command);
                if (command.startsWith("auth ")) {
                    if (command.equals("auth " + password)) {
                        socket.write("Content-Type: command/reply\nReply-Text: +OK accepted\n\n");
                    } else {
                        socket.write("Content-Type: command/reply\nReply-Text: -ERR invalid\n\n")
                                .onComplete(ar -> socket.close());
                    }
                } else if (command.startsWith("event ")) {
                    socket.write("Content-Type: command/reply\nReply-Text: +OK event listener enabled plain\n\n");
                    if (number == garbageAfterSubscribeOnConnection) {
                        socket.write(Buffer.buffer(new byte[]{0x00, (byte) 0xff, 0x13, '\n', '\n'}));
                    }
                } else if (command.startsWith("log ")) {
                    if (beforeLogReply != null) {
                        socket.write(Buffer.buffer(beforeLogReply));
                    }
                    socket.write("Content-Type: command/reply\nReply-Text: +OK log level 2 [2]\n\n");
                }
            }));
            socket.write("Content-Type: auth/request\n\n");
        }

        void sendToAll(byte[] bytes) {
            sockets.forEach(s -> s.write(Buffer.buffer(bytes)));
        }

        void closeAll() {
            sockets.forEach(NetSocket::close);
        }

        void close() throws Exception {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static boolean refuses(int port) {
        try (java.net.Socket probe = new java.net.Socket()) {
            probe.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
            return false;
        } catch (java.io.IOException refused) {
            return true;
        }
    }
}
