package io.pbxhub.testsupport.esl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.jboss.logging.Logger;

/**
 * A FreeSWITCH stand-in for tests and the local demo: a TCP server speaking the Event Socket inbound protocol
 * (mod_event_socket) that plays calls as the events a real switch fires, built from real captured events.
 *
 * <pre>
 * try (EslSimulator sim = EslSimulator.start(EslSimulator.Options.defaults().password("secret"))) {
 *     // connect a client to sim.host():sim.port(), auth, subscribe ...
 *     sim.awaitSubscribers(1, Duration.ofSeconds(10));
 *     sim.play(SimulatedCall.answered("1001", "61291234567", "pbx.example.com", 65));
 * }
 * </pre>
 */
public final class EslSimulator implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EslSimulator.class);

    private final Options options;
    private final ServerSocket server;
    private final Set<EslSession> sessions = ConcurrentHashMap.newKeySet();
    private final Object deliveryLock = new Object();
    private final Object stateLock = new Object();
    private final AtomicLong sessionIds = new AtomicLong();
    private final AtomicLong eventSequence = new AtomicLong();
    private final AtomicLong channelsSinceStartup = new AtomicLong();
    private final String coreUuid = UUID.randomUUID().toString();
    private final SwitchClock clock;
    private final CallEventFactory callEvents;
    private final ApiCommands api;
    private volatile boolean closed;

    private EslSimulator(Options options, ServerSocket server) {
        this.options = options;
        this.server = server;
        this.clock = new SwitchClock(options.zone());
        this.callEvents = new CallEventFactory(EventCaptures.get(), clock, coreUuid);
        this.api = new ApiCommands(Instant.now(), channelsSinceStartup::get);
    }

    /** Binds the listener and starts accepting connections. */
    public static EslSimulator start(Options options) {
        Objects.requireNonNull(options, "options");
        ServerSocket server = null;
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(options.host(), options.port()), 50);
        } catch (IOException e) {
            closeQuietly(server);
            throw new UncheckedIOException("cannot listen on " + options.host() + ":" + options.port(), e);
        }
        EslSimulator simulator = new EslSimulator(options, server);
        Thread acceptor = new Thread(simulator::acceptLoop, "esl-sim-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.infof("FreeSWITCH ESL simulator listening on %s:%d (Core-UUID %s)", options.host(),
                server.getLocalPort(), simulator.coreUuid);
        return simulator;
    }

    public int port() {
        return server.getLocalPort();
    }

    public String host() {
        return options.host();
    }

    /** The Core-UUID every event of this simulator carries. */
    public String coreUuid() {
        return coreUuid;
    }

    /** Open connections, authenticated or not. */
    public int sessions() {
        return (int) sessions.stream().filter(EslSession::isOpen).count();
    }

    /**
     * Blocks until at least {@code count} authenticated sessions have an event subscription.
     *
     * @throws IllegalStateException
     *             when that does not happen within {@code timeout}
     */
    public void awaitSubscribers(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (stateLock) {
            while (subscribers() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("expected " + count + " subscribed ESL session(s) within "
                            + timeout + ", have " + subscribers());
                }
                try {
                    stateLock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for ESL subscribers", e);
                }
            }
        }
    }

    /**
     * Sends the call's events to every session subscribed to them, in order: CHANNEL_CREATE, CHANNEL_ANSWER (answered
     * calls only), CHANNEL_HANGUP_COMPLETE. Returns once they are queued for each session.
     */
    public void play(SimulatedCall call) {
        List<EslEvent> events = callEvents.eventsFor(call);
        channelsSinceStartup.incrementAndGet();
        for (EslEvent event : events) {
            fire(event);
        }
    }

    /** Stops listening and drops every connection, as a FreeSWITCH that goes away would. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(server);
        for (EslSession session : List.copyOf(sessions)) {
            session.close();
        }
        LOG.infof("FreeSWITCH ESL simulator on port %d closed", server.getLocalPort());
    }

    /** Stamps the next Event-Sequence and queues the event for every session that listens to it. */
    void fire(EslEvent event) {
        synchronized (deliveryLock) {
            event.set("Event-Sequence", Long.toString(eventSequence.incrementAndGet()));
            Map<EventFormat, byte[]> cache = new EnumMap<>(EventFormat.class);
            Function<EventFormat, byte[]> frames = format -> cache.computeIfAbsent(format,
                    f -> EslFrames.event(f, f.serialize(event)));
            for (EslSession session : sessions) {
                session.offer(event, frames);
            }
        }
    }

    /** The BACKGROUND_JOB api_exec fires for a bgapi, built from the captured one. */
    void fireBackgroundJob(String jobUuid, String command, String arg, String output) {
        EslEvent event = EventCaptures.get().backgroundJob();
        event.removeIf(name -> name.startsWith("Job-"));
        EslEvent channel = EventCaptures.get().channelCreate();
        for (String identity : new String[]{"FreeSWITCH-Hostname", "FreeSWITCH-Switchname", "FreeSWITCH-IPv4",
                "FreeSWITCH-IPv6"}) {
            channel.get(identity).ifPresent(value -> event.setIfPresent(identity, value));
        }
        event.set("Core-UUID", coreUuid);
        clock.stamp(event, "", clock.nowMicros());
        event.add("Job-UUID", jobUuid).add("Job-Command", command);
        if (arg != null) {
            event.add("Job-Command-Arg", arg);
        }
        event.body(output);
        fire(event);
    }

    void underDeliveryLock(Runnable action) {
        synchronized (deliveryLock) {
            action.run();
        }
    }

    String password() {
        return options.password();
    }

    ApiCommands api() {
        return api;
    }

    void sessionChanged() {
        synchronized (stateLock) {
            stateLock.notifyAll();
        }
    }

    void sessionClosed(EslSession session) {
        sessions.remove(session);
        sessionChanged();
    }

    private long subscribers() {
        return sessions.stream().filter(EslSession::subscribed).count();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                EslSession session = new EslSession(sessionIds.incrementAndGet(), socket, this);
                sessions.add(session);
                if (closed) {
                    session.close();
                    return;
                }
                session.start();
                sessionChanged();
                LOG.debugf("ESL connection from %s", socket.getRemoteSocketAddress());
            } catch (IOException e) {
                if (!closed) {
                    LOG.warnf("ESL simulator accept failed: %s", e.getMessage());
                }
            }
        }
    }

    private static void closeQuietly(ServerSocket server) {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                LOG.debug("closing the ESL simulator listener", e);
            }
        }
    }

    /**
     * Where to listen and what to accept. {@link #defaults()}: 127.0.0.1, a free port, password {@code ClueCon} (the
     * FreeSWITCH default), local time in the JVM's zone.
     */
    public record Options(String host, int port, String password, ZoneId zone) {

        public Options {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(zone, "zone");
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535, not " + port);
            }
        }

        public static Options defaults() {
            return new Options("127.0.0.1", 0, "ClueCon", ZoneId.systemDefault());
        }

        public Options host(String newHost) {
            return new Options(newHost, port, password, zone);
        }

        /** 0 picks a free port. */
        public Options port(int newPort) {
            return new Options(host, newPort, password, zone);
        }

        public Options password(String newPassword) {
            return new Options(host, port, newPassword, zone);
        }

        /** The switch's time zone for Event-Date-Local and the CDR {@code *_stamp} variables. */
        public Options zone(ZoneId newZone) {
            return new Options(host, port, password, newZone);
        }

        @Override
        public String toString() {
            return "Options[host=" + host + ", port=" + port + ", zone=" + zone + "]";
        }
    }
}
