package io.pbxhub.esl.connection;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import io.pbxhub.esl.messaging.EventAcks;
import io.pbxhub.esl.messaging.PublishPressure;
import io.pbxhub.esl.protocol.EslEvent;
import io.pbxhub.esl.protocol.EslFrame;
import io.pbxhub.esl.protocol.EslFrameDecoder;
import io.pbxhub.esl.protocol.EslProtocolException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;

/**
 * One inbound ESL connection to a FreeSWITCH: connect, answer {@code auth/request}, subscribe to the call events, then
 * hand every new event to the listener. Whatever ends the connection (refused, bad password, protocol error, the PBX
 * going away), it reconnects with back-off until {@link #stop()} is called.
 * <p>
 * All state is touched only on the connection's own Vert.x context, so no locks are needed.
 */
public final class EslConnection {

    /**
     * The events the suite needs: channel life cycle, BLF presence, registrations, the heartbeat and bgapi results.
     * CUSTOM must come last: every word after it is a subclass.
     */
    public static final String SUBSCRIPTION = "event plain CHANNEL_CREATE CHANNEL_PROGRESS CHANNEL_PROGRESS_MEDIA "
            + "CHANNEL_ANSWER CHANNEL_BRIDGE CHANNEL_UNBRIDGE CHANNEL_HOLD CHANNEL_UNHOLD CHANNEL_HANGUP_COMPLETE "
            + "PRESENCE_IN HEARTBEAT BACKGROUND_JOB CUSTOM sofia::register sofia::unregister sofia::expire\n\n";

    /**
     * FreeSWITCH reports lost events only in its log, at CRIT: after subscribing, the connection asks for that level
     * (and nothing chattier) so {@link LostEventsLog} can count them.
     */
    public static final String LOG_SUBSCRIPTION = "log 2\n\n";

    static final String LOG_DATA = "log/data";

    /** Commands waiting for a reply or for their turn; beyond this the caller is told the PBX is too busy. */
    public static final int MAX_QUEUED_COMMANDS = 64;

    public static final String BAD_CREDENTIALS = "bad credentials";

    private static final Logger LOG = Logger.getLogger(EslConnection.class);

    public enum State {
        CONNECTING,
        UP,
        DOWN,
        STOPPED
    }

    private enum Phase {
        IDLE,
        FETCHING_PASSWORD,
        CONNECTING,
        AWAIT_GREETING,
        AWAIT_AUTH,
        AWAIT_SUBSCRIBE,
        AWAIT_LOG,
        UP
    }

    private final EslInstance instance;
    private final Vertx vertx;
    private final Context context;
    private final NetClient netClient;
    private final EslPasswordSource passwords;
    private final EslConnectionListener listener;
    private final ReconnectBackoff backoff;
    private final Duration handshakeTimeout;
    private final EventDedupWindow dedup;
    private final PublishPressure pressure;
    private final Runnable onPause;

    private volatile State state = State.CONNECTING;
    private volatile String lastReason;

    private Phase phase = Phase.IDLE;
    private boolean stopped;
    /** Bumped on every attempt so callbacks of an abandoned attempt recognise themselves and do nothing. */
    private int generation;
    private int failures;
    private NetSocket socket;
    private String password;
    private String closeReason;
    private long reconnectTimer = -1;
    private long handshakeTimer = -1;
    /** Commands not yet answered, in the order sent: ESL answers strictly in order, one reply per command. */
    private final ArrayDeque<PendingCommand> commands = new ArrayDeque<>();
    /** The head of {@link #commands} has been written and awaits its reply. */
    private boolean commandInFlight;
    /** Reading is paused until Kafka catches up. */
    private boolean paused;
    /** Frames decoded on the current socket, to tell whether a chunk completed any. */
    private long framesDecoded;
    private Duration partialFrameTimeout = Duration.ofSeconds(5);
    private EventMarkStore markStore = EventMarkStore.NONE;
    private EventMarks marks;
    private long partialFrameTimer = -1;

    public EslConnection(EslInstance instance, Vertx vertx, NetClient netClient, EslPasswordSource passwords,
            EslConnectionListener listener, ReconnectBackoff backoff, Duration handshakeTimeout,
            EventDedupWindow dedup) {
        this(instance, vertx, netClient, passwords, listener, backoff, handshakeTimeout, dedup, PublishPressure.NONE,
                () -> {
                });
    }

    /** {@code onPause} is told each time reading stops because Kafka lags (for the metric). */
    public EslConnection(EslInstance instance, Vertx vertx, NetClient netClient, EslPasswordSource passwords,
            EslConnectionListener listener, ReconnectBackoff backoff, Duration handshakeTimeout,
            EventDedupWindow dedup, PublishPressure pressure, Runnable onPause) {
        this.pressure = pressure;
        this.onPause = onPause;
        this.instance = instance;
        this.vertx = vertx;
        // An event loop of its own (round robin), whatever thread opens it: the manager opens every connection from
        // the same Kafka consumer context, which would otherwise put all of them on one event loop.
        this.context = ((VertxInternal) vertx).createEventLoopContext();
        this.netClient = netClient;
        this.passwords = passwords;
        this.listener = listener;
        this.backoff = backoff;
        this.handshakeTimeout = handshakeTimeout;
        this.dedup = dedup;
    }

    public EslInstance instance() {
        return instance;
    }

    /**
     * FreeSWITCH writes each frame whole, so bytes that stay short of a frame for this long mean a corrupt stream
     * (garbage, a wrong Content-Length): the connection is reopened rather than waiting for the next event to resync
     * it, which would cost that event. Set before {@link #start()}.
     */
    public EslConnection partialFrameTimeout(Duration timeout) {
        this.partialFrameTimeout = timeout;
        return this;
    }

    /**
     * Where the replay mark is kept beyond this object: loaded before every connection attempt, told when it moves.
     * Set before {@link #start()}.
     */
    public EslConnection eventMarks(EventMarkStore store) {
        this.markStore = store;
        return this;
    }

    /** The newest event whose records Kafka has all acknowledged (with every one before it); null before any. */
    public EventMark eventMark() {
        return marks == null ? null : marks.mark();
    }

    public State state() {
        return state;
    }

    /** Why the connection is (or last went) down; null if it never failed. */
    public String lastReason() {
        return lastReason;
    }

    public void start() {
        context.runOnContext(v -> attempt());
    }

    /**
     * Sends one command ({@code api ...}, {@code bgapi ...}) once the connection is up and the commands before it are
     * answered, and completes with its reply frame ({@code api/response} or {@code command/reply}). Fails with
     * {@link EslCommandException} when the connection is not up, goes down before the reply, the queue is full, or no
     * reply arrives within {@code timeout} (counted from the call); a reply that never comes means the stream is out
     * of step, so the connection is then reopened.
     */
    public CompletableFuture<EslFrame> command(String command, Duration timeout) {
        if (command.indexOf('\n') >= 0 || command.indexOf('\r') >= 0) {
            // A line break would end the command early and run the rest as another ESL command.
            return CompletableFuture.failedFuture(new IllegalArgumentException("ESL command contains a line break"));
        }
        CompletableFuture<EslFrame> reply = new CompletableFuture<>();
        context.runOnContext(v -> enqueue(new PendingCommand(command, reply), timeout));
        return reply;
    }

    private void enqueue(PendingCommand pending, Duration timeout) {
        if (phase != Phase.UP || socket == null) {
            pending.reply().completeExceptionally(new EslCommandException("ESL connection is not up"));
            return;
        }
        if (commands.size() >= MAX_QUEUED_COMMANDS) {
            pending.reply().completeExceptionally(new EslCommandException("too many ESL commands waiting"));
            return;
        }
        commands.addLast(pending);
        NetSocket s = socket;
        pending.timer(vertx.setTimer(Math.max(1, timeout.toMillis()), id -> commandTimedOut(s, pending, timeout)));
        writeNextCommand();
    }

    private void writeNextCommand() {
        if (commandInFlight || commands.isEmpty() || socket == null) {
            return;
        }
        commandInFlight = true;
        socket.write(commands.peekFirst().command() + "\n\n");
    }

    private void commandTimedOut(NetSocket s, PendingCommand pending, Duration timeout) {
        boolean inFlight = commandInFlight && commands.peekFirst() == pending;
        if (!commands.remove(pending)) {
            return;
        }
        pending.reply().completeExceptionally(
                new EslCommandException(new TimeoutException("no ESL reply within " + timeout.toMillis() + " ms")));
        if (inFlight) {
            // Its reply may still come and would then be taken for the next command's: start over.
            commandInFlight = false;
            closeWith(s, "no reply to an ESL command within " + timeout.toMillis() + " ms");
        }
    }

    private void commandReply(EslFrame frame) {
        if (!commandInFlight) {
            LOG.debugf("ESL %s: reply without a command: %s", instance.instanceId(), frame);
            return;
        }
        commandInFlight = false;
        PendingCommand done = commands.pollFirst();
        vertx.cancelTimer(done.timer());
        done.reply().complete(frame);
        writeNextCommand();
    }

    private void failCommands(String reason) {
        commandInFlight = false;
        PendingCommand pending;
        while ((pending = commands.pollFirst()) != null) {
            vertx.cancelTimer(pending.timer());
            pending.reply().completeExceptionally(new EslCommandException(reason));
        }
    }

    /** Drops the current attempt or connection and starts over at once, with a fresh password. */
    public void reconnectNow() {
        context.runOnContext(v -> {
            if (stopped) {
                return;
            }
            failures = 0;
            cancelTimers();
            failCommands("ESL connection reopened");
            NetSocket current = socket;
            socket = null;
            if (current != null) {
                current.close();
            }
            attempt();
        });
    }

    /** Closes the connection for good; no status is reported for a deliberate stop. */
    public void stop() {
        context.runOnContext(v -> {
            stopped = true;
            state = State.STOPPED;
            generation++;
            cancelTimers();
            failCommands("ESL connection stopped");
            NetSocket current = socket;
            socket = null;
            password = null;
            if (current != null) {
                current.close();
            }
        });
    }

    private void attempt() {
        if (stopped) {
            return;
        }
        int gen = ++generation;
        phase = Phase.FETCHING_PASSWORD;
        if (marks == null) {
            marks = new EventMarks(instance.instanceId(), markStore);
        }
        // The stored mark first (another replica or an earlier run may have moved it), then the password.
        markStore.load(instance.instanceId()).exceptionally(error -> {
            LOG.warnf("ESL %s: cannot load the replay mark (%s); relying on the in-memory filter",
                    instance.instanceId(), error.getMessage());
            return Optional.empty();
        }).thenCompose(stored -> {
            stored.ifPresent(marks::loaded);
            return passwords.password(instance.instanceId());
        }).whenComplete((pw, error) -> context.runOnContext(v -> {
            if (stopped || gen != generation) {
                return;
            }
            if (error != null) {
                passwordUnavailable(unwrap(error));
            } else if (pw == null || pw.isEmpty()) {
                attemptFailed("no ESL password set in instance-service");
            } else if (pw.indexOf('\n') >= 0 || pw.indexOf('\r') >= 0) {
                // A line break would end the auth command early and let the rest run as ESL commands.
                attemptFailed("ESL password contains a line break; refusing to send it");
            } else {
                connect(pw, gen);
            }
        }));
    }

    private void passwordUnavailable(Throwable error) {
        if (error instanceof InstanceGoneException) {
            LOG.infof("ESL %s: %s, not connecting", instance.instanceId(), error.getMessage());
            stopped = true;
            state = State.STOPPED;
            listener.gone(this);
            return;
        }
        attemptFailed("credentials unavailable from instance-service: " + error.getMessage());
    }

    private void connect(String pw, int gen) {
        phase = Phase.CONNECTING;
        netClient.connect(instance.port(), instance.host()).onComplete(ar -> {
            if (stopped || gen != generation) {
                if (ar.succeeded()) {
                    ar.result().close();
                }
                return;
            }
            if (ar.failed()) {
                attemptFailed("cannot connect to " + instance.host() + ":" + instance.port() + ": "
                        + ar.cause().getMessage());
                return;
            }
            opened(ar.result(), pw, gen);
        });
    }

    private void opened(NetSocket s, String pw, int gen) {
        socket = s;
        password = pw;
        closeReason = null;
        phase = Phase.AWAIT_GREETING;
        EslFrameDecoder decoder = new EslFrameDecoder(frame -> {
            framesDecoded++;
            onFrame(s, frame);
        }, error -> protocolError(s, error));
        s.handler(chunk -> {
            long before = framesDecoded;
            decoder.feed(chunk);
            if (framesDecoded != before) {
                cancelPartialFrameTimer();
            } else if (partialFrameTimer < 0 && socket == s) {
                armPartialFrameTimer(s);
            }
        });
        s.exceptionHandler(t -> closeWith(s, "socket error: " + t.getMessage()));
        s.closeHandler(v -> closed(s, gen));
        handshakeTimer = vertx.setTimer(handshakeTimeout.toMillis(), id -> {
            handshakeTimer = -1;
            if (socket == s && phase != Phase.UP) {
                closeWith(s, "no ESL handshake within " + handshakeTimeout.toMillis() + " ms");
            }
        });
    }

    private void armPartialFrameTimer(NetSocket s) {
        long seen = framesDecoded;
        partialFrameTimer = vertx.setTimer(Math.max(1, partialFrameTimeout.toMillis()), id -> {
            partialFrameTimer = -1;
            if (socket != s || framesDecoded != seen) {
                return;
            }
            if (paused) {
                // not read while Kafka lags: the rest of the frame is waiting in the kernel, not missing
                armPartialFrameTimer(s);
                return;
            }
            closeWith(s, "incomplete ESL frame for " + partialFrameTimeout.toMillis() + " ms (corrupt stream)");
        });
    }

    private void cancelPartialFrameTimer() {
        if (partialFrameTimer >= 0) {
            vertx.cancelTimer(partialFrameTimer);
            partialFrameTimer = -1;
        }
    }

    private void onFrame(NetSocket s, EslFrame frame) {
        if (socket != s) {
            return;
        }
        switch (phase) {
            case AWAIT_GREETING -> greeting(s, frame);
            case AWAIT_AUTH -> authReply(s, frame);
            case AWAIT_SUBSCRIBE -> subscribeReply(s, frame);
            case AWAIT_LOG -> {
                // the subscription is on: events may come before the reply to "log"
                if (frame.is(EslFrame.COMMAND_REPLY)) {
                    logReply(frame);
                } else {
                    dispatch(s, frame);
                }
            }
            case UP -> dispatch(s, frame);
            default -> LOG.debugf("ESL %s: ignoring %s in phase %s", instance.instanceId(), frame, phase);
        }
    }

    private void greeting(NetSocket s, EslFrame frame) {
        if (frame.is(EslFrame.AUTH_REQUEST)) {
            String pw = password;
            password = null;
            phase = Phase.AWAIT_AUTH;
            s.write("auth " + pw + "\n\n");
        } else if (frame.is(EslFrame.RUDE_REJECTION)) {
            closeWith(s, "rejected by the ESL access list (acl) of the PBX");
        } else {
            closeWith(s, "expected auth/request, got " + frame.contentType());
        }
    }

    private void authReply(NetSocket s, EslFrame frame) {
        if (!frame.is(EslFrame.COMMAND_REPLY)) {
            return;
        }
        if (frame.replyText().startsWith("+OK")) {
            phase = Phase.AWAIT_SUBSCRIBE;
            s.write(SUBSCRIPTION);
        } else {
            closeWith(s, BAD_CREDENTIALS);
        }
    }

    private void subscribeReply(NetSocket s, EslFrame frame) {
        if (!frame.is(EslFrame.COMMAND_REPLY)) {
            return;
        }
        if (!frame.replyText().startsWith("+OK")) {
            closeWith(s, "event subscription refused: " + frame.replyText());
            return;
        }
        phase = Phase.AWAIT_LOG;
        s.write(LOG_SUBSCRIPTION);
    }

    private void logReply(EslFrame frame) {
        if (!frame.is(EslFrame.COMMAND_REPLY)) {
            return;
        }
        if (!frame.replyText().startsWith("+OK")) {
            // events still flow; only the lost-event count is missing (an ESL user without log permission)
            LOG.warnf("ESL %s: log subscription refused (%s); lost events will not be counted",
                    instance.instanceId(), frame.replyText());
        }
        phase = Phase.UP;
        failures = 0;
        cancelHandshakeTimer();
        state = State.UP;
        lastReason = null;
        LOG.infof("ESL %s: connected to %s:%d", instance.instanceId(), instance.host(), instance.port());
        listener.up(this);
    }

    private void dispatch(NetSocket s, EslFrame frame) {
        if (frame.is(EslFrame.DISCONNECT_NOTICE)) {
            closeReason = "disconnected by FreeSWITCH";
            return;
        }
        if (frame.is(EslFrame.COMMAND_REPLY) || frame.is(EslFrame.API_RESPONSE)) {
            commandReply(frame);
            return;
        }
        if (frame.is(LOG_DATA)) {
            long lost = LostEventsLog.lostEvents(frame.bodyText());
            if (lost > 0) {
                LOG.warnf("ESL %s: FreeSWITCH reports %d lost events: %s", instance.instanceId(), lost,
                        frame.bodyText().strip());
                listener.lostEvents(this, lost);
            }
            return;
        }
        EslEvent event = frame.event();
        if (event == null) {
            return;
        }
        String core = event.raw("Core-UUID");
        long sequence = parseSequence(event.raw("Event-Sequence"));
        if (core != null && sequence > 0 && marks.replayed(core, sequence)
                || !dedup.firstSeen(core, sequence)) {
            return;
        }
        EventMarks.Pending pending = core != null && sequence > 0 ? marks.begin(core, sequence) : null;
        try {
            if (pending == null) {
                listener.event(this, event);
            } else {
                EventAcks.within(pending::record, () -> listener.event(this, event));
            }
        } catch (RuntimeException e) {
            // One event we cannot handle must not cost the connection and every event after it.
            LOG.errorf(e, "ESL %s: failed to handle %s", instance.instanceId(), event);
        } finally {
            if (pending != null) {
                pending.handled();
            }
        }
        if (!paused && pressure.saturated()) {
            pause(s);
        }
    }

    /**
     * Kafka lags: stop reading so the kernel buffers fill and TCP slows FreeSWITCH down, rather than queueing events
     * here without bound. The frames already decoded from the current chunk are still handled (a few at most).
     */
    private void pause(NetSocket s) {
        paused = true;
        s.pause();
        onPause.run();
        LOG.debugf("ESL %s: Kafka backlog %d, pausing reads", instance.instanceId(), pressure.inFlight());
        pressure.whenRelieved(() -> context.runOnContext(v -> {
            paused = false;
            if (socket == s) {
                s.resume();
            }
        }));
    }

    /** Reading is paused because Kafka lags. */
    public boolean paused() {
        return paused;
    }

    private void protocolError(NetSocket s, EslProtocolException error) {
        closeWith(s, "ESL protocol error: " + error.getMessage());
    }

    private void closeWith(NetSocket s, String reason) {
        if (socket == s && closeReason == null) {
            closeReason = reason;
        }
        s.close();
    }

    private void closed(NetSocket s, int gen) {
        if (socket != s || stopped || gen != generation) {
            return;
        }
        socket = null;
        password = null;
        cancelHandshakeTimer();
        cancelPartialFrameTimer();
        String reason = closeReason != null ? closeReason : "connection closed by the PBX";
        failCommands("ESL connection lost: " + reason);
        attemptFailed(reason);
    }

    private void attemptFailed(String reason) {
        phase = Phase.IDLE;
        boolean changed = state != State.DOWN || !reason.equals(lastReason);
        state = State.DOWN;
        lastReason = reason;
        Duration delay = backoff.delay(failures++);
        if (changed) {
            LOG.warnf("ESL %s: down (%s); reconnecting in %d ms", instance.instanceId(), reason, delay.toMillis());
            listener.down(this, reason);
        } else {
            LOG.debugf("ESL %s: still down (%s); reconnecting in %d ms", instance.instanceId(), reason,
                    delay.toMillis());
        }
        reconnectTimer = vertx.setTimer(Math.max(1, delay.toMillis()), id -> {
            reconnectTimer = -1;
            attempt();
        });
    }

    private void cancelTimers() {
        cancelPartialFrameTimer();
        if (reconnectTimer >= 0) {
            vertx.cancelTimer(reconnectTimer);
            reconnectTimer = -1;
        }
        cancelHandshakeTimer();
    }

    private void cancelHandshakeTimer() {
        if (handshakeTimer >= 0) {
            vertx.cancelTimer(handshakeTimer);
            handshakeTimer = -1;
        }
    }

    /** Event-Sequence as a number; 0 when absent or not a number (such an event is never taken for a replay). */
    private static long parseSequence(String text) {
        if (text == null) {
            return 0;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static final class PendingCommand {
        private final String command;
        private final CompletableFuture<EslFrame> reply;
        private long timer = -1;

        PendingCommand(String command, CompletableFuture<EslFrame> reply) {
            this.command = command;
            this.reply = reply;
        }

        String command() {
            return command;
        }

        CompletableFuture<EslFrame> reply() {
            return reply;
        }

        long timer() {
            return timer;
        }

        void timer(long id) {
            timer = id;
        }
    }

    @Override
    public String toString() {
        return "EslConnection[" + instance.instanceId() + " " + instance.host() + ":" + instance.port() + " " + state
                + "]";
    }
}
