package io.pbxhub.testsupport.esl;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.pbxhub.testsupport.esl.EslCommandReader.EslCommand;

/**
 * One inbound Event Socket connection. A reader thread parses commands and answers them; a writer thread drains one
 * queue of whole frames, so replies and events never interleave inside a frame and a slow client only fills its own
 * queue (events beyond its capacity are dropped and counted, as FreeSWITCH does with a full listener queue).
 */
final class EslSession {

    static final int QUEUE_CAPACITY = 10_000;
    /** mod_event_socket's MAX_MISSED: a listener that loses more events in a row is killed. */
    static final int MAX_MISSED = 500;

    private static final Logger LOG = Logger.getLogger(EslSession.class);
    private static final Outbound STOP = new Outbound(null, false, true, false);
    private static final long REPLY_TIMEOUT_SECONDS = 10;
    private static final int WRITE_BUFFER = 64 * 1024;

    private final long id;
    private final Socket socket;
    private final EslSimulator simulator;
    private final BlockingQueue<Outbound> outbox = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final EventSubscription subscription = new EventSubscription();
    private final EventFilters filters = new EventFilters();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong lostEvents = new AtomicLong();
    /** Events to drop as if the queue were full ({@link EslSimulator#loseEvents}). */
    private final AtomicInteger forcedLosses = new AtomicInteger();
    /** Lost since the last "Lost [N] events!" line (l->lost_events); touched under the delivery lock only. */
    private long unreportedLost;
    private volatile boolean authenticated;
    /** The level set by {@code log}, or null when not logging. */
    private volatile LogLevel logLevel;

    private final boolean greet;

    EslSession(long id, Socket socket, EslSimulator simulator, boolean greet) {
        this.id = id;
        this.socket = socket;
        this.simulator = simulator;
        this.greet = greet;
    }

    /**
     * Queues a fault behind what is already queued, so it lands between whole frames: raw bytes, optionally followed
     * by a close (FIN) or a reset (RST).
     */
    void inject(byte[] bytes, boolean closeAfter, boolean reset) {
        if (closed.get()) {
            return;
        }
        if (!outbox.offer(new Outbound(bytes, false, closeAfter, reset))) {
            LOG.warnf("ESL session %d: queue full, fault not injected", id);
        }
    }

    EventFormat format() {
        return subscription.format();
    }

    boolean authenticated() {
        return authenticated;
    }

    long lostEvents() {
        return lostEvents.get();
    }

    void start() {
        Thread reader = new Thread(this::readLoop, "esl-sim-session-" + id + "-reader");
        Thread writer = new Thread(this::writeLoop, "esl-sim-session-" + id + "-writer");
        reader.setDaemon(true);
        writer.setDaemon(true);
        writer.start();
        reader.start();
    }

    /** Authenticated and listening for at least one event type. */
    boolean subscribed() {
        return authenticated && subscription.listening() && !closed.get();
    }

    boolean isOpen() {
        return !closed.get();
    }

    /**
     * Queues the event if this session listens to it; called under the simulator's delivery lock. Like
     * mod_event_socket's event_handler: an event the full queue cannot take is lost and counted; the next one queued
     * logs {@code Lost [N] events! Event Queue size: [q/max]} at CRIT, and more than {@link #MAX_MISSED} in a row kill
     * the listener after logging {@code Killing listener because of too many lost events. Lost [N] Queue size[q/max]}.
     */
    void offer(EslEvent event, Function<EventFormat, byte[]> frames) {
        if (closed.get() || !authenticated || !subscription.wants(event) || !filters.pass(event)) {
            return;
        }
        queueEvent(() -> frames.apply(subscription.format()));
    }

    /** Whether frames made for plain subscribers without filters can be queued for this session as they are. */
    boolean takesPlainFrames() {
        return subscription.format() == EventFormat.PLAIN && filters.isEmpty();
    }

    /** {@link #offer} for a ready plain frame of an event that is not CUSTOM (see {@link #takesPlainFrames()}). */
    void offerFrame(String eventName, byte[] frame) {
        if (closed.get() || !authenticated || !subscription.wants(eventName)) {
            return;
        }
        queueEvent(() -> frame);
    }

    private void queueEvent(Supplier<byte[]> frame) {
        boolean forced = forcedLosses.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
        if (forced || !outbox.offer(new Outbound(frame.get(), true, false, false))) {
            long lost = lostEvents.incrementAndGet();
            if (lost == 1 || lost % 1_000 == 0) {
                LOG.warnf("ESL session %d does not read its events: %d lost", id, lost);
            }
            if (++unreportedLost > MAX_MISSED) {
                String text = "Killing listener because of too many lost events. Lost [" + unreportedLost
                        + "] Queue size[" + outbox.size() + "/" + QUEUE_CAPACITY + "]";
                close();
                simulator.log(LogLevel.CRIT, "mod_event_socket.c", "event_handler", 442, "", text);
            }
            return;
        }
        if (unreportedLost > 0) {
            long reported = unreportedLost;
            unreportedLost = 0;
            simulator.log(LogLevel.CRIT, "mod_event_socket.c", "event_handler", 424, "", "Lost [" + reported
                    + "] events! Event Queue size: [" + outbox.size() + "/" + QUEUE_CAPACITY + "]");
        }
    }

    /** The next {@code count} events this session would queue are lost as if its queue were full. */
    void loseNext(int count) {
        forcedLosses.addAndGet(count);
    }

    /** Queues a log line if this session asked for logs at that level or more verbose. */
    void offerLog(LogLevel level, byte[] frame) {
        if (!logs(level)) {
            return;
        }
        if (!outbox.offer(new Outbound(frame, false, false, false, true))) {
            lostEvents.incrementAndGet();
        }
    }

    /** Whether this session asked for log lines of this level. */
    boolean logs(LogLevel level) {
        LogLevel wanted = logLevel;
        return !closed.get() && authenticated && wanted != null && level.compareTo(wanted) <= 0;
    }

    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debugf(e, "closing ESL session %d", id);
        }
        // like a listener FreeSWITCH kills, the events still queued are never delivered: lost too
        lostEvents.addAndGet(outbox.stream().filter(Outbound::event).count());
        outbox.clear();
        outbox.offer(STOP);
        simulator.sessionClosed(this);
        LOG.debugf("ESL session %d closed", id);
    }

    private void readLoop() {
        try {
            if (greet) {
                queue(EslFrames.authRequest());
            }
            EslCommandReader reader = new EslCommandReader(new BufferedInputStream(socket.getInputStream()));
            while (!closed.get()) {
                Optional<EslCommand> command = reader.next();
                if (command.isEmpty()) {
                    close();
                    return;
                }
                if (!handle(command.get())) {
                    // the writer closes the socket once the goodbye frames are out
                    return;
                }
            }
        } catch (IOException e) {
            LOG.debugf("ESL session %d: %s", id, e.getMessage());
            close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
        }
    }

    private void writeLoop() {
        try {
            // frames queued back to back go out in one write; the socket is flushed whenever the queue runs dry
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), WRITE_BUFFER);
            while (true) {
                Outbound next = outbox.take();
                if (next.bytes() != null) {
                    out.write(next.bytes());
                }
                if (outbox.isEmpty() || next.reset() || next.closeAfter()) {
                    out.flush();
                }
                if (next.reset()) {
                    socket.setSoLinger(true, 0);
                    break;
                }
                if (next.closeAfter()) {
                    if (!socket.isClosed()) {
                        socket.shutdownOutput();
                    }
                    break;
                }
            }
        } catch (IOException e) {
            LOG.debugf("ESL session %d write failed: %s", id, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    /** Answers one command; false when the session ends after it (exit, failed auth, client EOF). */
    private boolean handle(EslCommand command) throws InterruptedException {
        String line = command.line();
        simulator.received(line);
        if (startsWith(line, "exit") || line.startsWith("...")) {
            reply("+OK bye");
            endAfterGoodbye();
            return false;
        }
        if (!authenticated) {
            return handleBeforeAuth(line);
        }
        if (startsWith(line, "api ")) {
            api(line.substring(4));
        } else if (startsWith(line, "bgapi ")) {
            bgapi(line.substring(6), command);
        } else if (startsWith(line, "event")) {
            changeSubscription(() -> subscription.subscribe(words(line, 5)));
        } else if (startsWith(line, "nixevent")) {
            changeSubscription(() -> subscription.unsubscribe(words(line, 8)));
        } else if (startsWith(line, "filter ")) {
            changeSubscription(() -> filters.command(line.substring(7)));
        } else if (startsWith(line, "nolog")) {
            // flush_listener: the log lines still queued are dropped
            outbox.removeIf(Outbound::log);
            reply(logLevel == null ? "-ERR not loging" : "+OK no longer logging");
            logLevel = null;
        } else if (startsWith(line, "log")) {
            reply(log(line));
        } else if (startsWith(line, "noevents")) {
            changeSubscription(() -> {
                // FreeSWITCH flushes the events still queued for the listener
                outbox.removeIf(Outbound::event);
                return subscription.clear();
            });
        } else {
            reply("-ERR command not found");
        }
        return true;
    }

    private boolean handleBeforeAuth(String line) throws InterruptedException {
        if (startsWith(line, "auth ")) {
            if (simulator.password().equals(line.substring(5))) {
                authenticated = true;
                reply("+OK accepted");
                simulator.sessionChanged();
                return true;
            }
            reply("-ERR invalid");
            endAfterGoodbye();
            return false;
        }
        if (startsWith(line, "userauth ")) {
            // there is no user directory here, so every user is unknown, which FreeSWITCH refuses and hangs up on
            reply("-ERR invalid");
            endAfterGoodbye();
            return false;
        }
        reply("-ERR command not found");
        return true;
    }

    /**
     * {@code log [level]}: like parse_command, the level is everything after the one character following "log", and
     * the reply repeats it (empty for a bare {@code log}, which means debug).
     */
    private String log(String line) {
        String word = line.length() > 4 ? line.substring(4) : "";
        LogLevel level = word.isEmpty() ? LogLevel.DEBUG : LogLevel.parse(word).orElse(null);
        if (level == null) {
            return "-ERR invalid log level";
        }
        logLevel = level;
        return "+OK log level " + word + " [" + level.number() + "]";
    }

    private void api(String commandLine) throws InterruptedException {
        if (simulator.faulted(Fault.STALLED_API)) {
            return;
        }
        String[] parts = splitCommand(commandLine);
        String output = run(parts[0], parts[1]);
        queue(EslFrames.apiResponse(output.isEmpty() ? "-ERR no reply\n" : output));
    }

    private void bgapi(String commandLine, EslCommand command) throws InterruptedException {
        String[] parts = splitCommand(commandLine);
        String jobUuid = command.header("Job-UUID").filter(u -> !u.isBlank()).orElseGet(() -> UUID.randomUUID()
                .toString());
        queue(EslFrames.commandReplyWithHeaders("Reply-Text: +OK Job-UUID: " + jobUuid + "\nJob-UUID: " + jobUuid
                + "\n"));
        if (!simulator.faulted(Fault.STALLED_API)) {
            simulator.fireBackgroundJob(jobUuid, parts[0], parts[1], run(parts[0], parts[1]));
        }
    }

    private String run(String name, String arg) {
        if ("originate".equals(name)) {
            return simulator.originate(arg);
        }
        return simulator.api().execute(name, arg).orElse("-ERR " + name + " Command not found!\n");
    }

    /** Changes the subscription and queues its reply atomically with respect to event delivery. */
    private void changeSubscription(ReplyText change) throws InterruptedException {
        boolean[] queued = {true};
        simulator.underDeliveryLock(() -> {
            queued[0] = outbox.offer(new Outbound(EslFrames.commandReply(change.get()), false, false, false));
        });
        if (!queued[0]) {
            LOG.warnf("ESL session %d does not read its replies, closing it", id);
            close();
            return;
        }
        simulator.sessionChanged();
    }

    private void reply(String text) throws InterruptedException {
        queue(EslFrames.commandReply(text));
    }

    private void queue(byte[] frame) throws InterruptedException {
        if (!outbox.offer(new Outbound(frame, false, false, false), REPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            LOG.warnf("ESL session %d does not read its replies, closing it", id);
            close();
        }
    }

    /** What listener_run does when a session ends: the disconnect notice, then close. */
    private void endAfterGoodbye() throws InterruptedException {
        if (!outbox.offer(new Outbound(EslFrames.disconnectNotice(), false, true, false), REPLY_TIMEOUT_SECONDS,
                TimeUnit.SECONDS)) {
            close();
        }
    }

    /** The words after the first space at or after {@code from}, split on single spaces like the C code. */
    private static String[] words(String line, int from) {
        int space = line.indexOf(' ', from);
        return space < 0 ? new String[0] : line.substring(space + 1).split(" ", -1);
    }

    /** {command, arg-or-null}: the name ends at the first space. */
    private static String[] splitCommand(String commandLine) {
        int space = commandLine.indexOf(' ');
        return space < 0
                ? new String[]{commandLine, null}
                : new String[]{commandLine.substring(0, space), commandLine.substring(space + 1)};
    }

    private static boolean startsWith(String line, String prefix) {
        return line.length() >= prefix.length()
                && line.substring(0, prefix.length()).toLowerCase(Locale.ROOT).equals(prefix);
    }

    @FunctionalInterface
    private interface ReplyText {
        String get();
    }

    /** A whole frame to write; {@code event} frames are the ones {@code noevents} drops, {@code log} ones nolog. */
    private record Outbound(byte[] bytes, boolean event, boolean closeAfter, boolean reset, boolean log) {

        Outbound(byte[] bytes, boolean event, boolean closeAfter, boolean reset) {
            this(bytes, event, closeAfter, reset, false);
        }
    }
}
