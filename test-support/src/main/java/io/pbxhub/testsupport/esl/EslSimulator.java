package io.pbxhub.testsupport.esl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

/**
 * A FreeSWITCH stand-in for tests and the local demo: a TCP server speaking the Event Socket inbound protocol
 * (mod_event_socket) that plays calls as the events a real switch fires, built from real captured events.
 *
 * <p>
 * <b>Protocol.</b> auth/request greeting, {@code auth}, {@code userauth} (always refused: there is no user directory),
 * {@code event plain|json|xml}, {@code nixevent}, {@code noevents}, {@code filter [add|delete]}, {@code log [level]} /
 * {@code nolog} (log/data frames), {@code api} and {@code bgapi} ({@code status}, {@code version},
 * {@code show calls count}, {@code show registrations}, {@code sofia status profile internal reg},
 * {@code originate}), {@code exit}. Replies are those of mod_event_socket, byte for byte.
 *
 * <pre>
 * try (EslSimulator sim = EslSimulator
 *         .start(EslSimulator.Options.defaults().password("secret").heartbeatSeconds(20))) {
 *     // connect a client to sim.host():sim.port(), auth, subscribe ...
 *     sim.awaitSubscribers(1, Duration.ofSeconds(10));
 *
 *     // a finished call at once: CHANNEL_CREATE, CHANNEL_ANSWER, CHANNEL_HANGUP_COMPLETE of the A leg
 *     sim.play(SimulatedCall.answered("1001", "61291234567", "pbx.example.com", 65));
 *     // a scripted one (see CallFlow): both legs, bridge/unbridge, hold, transfer, PRESENCE_IN
 *     sim.play(CallFlow.bridged(SimulatedCall.local("1001", "1002", "pbx.example.com", 60)).withPresence()
 *             .hold(10, 5));
 *
 *     // a live call, step by step, stamped now; counted by "api show calls count" until hung up
 *     String uuid = sim.ring(CallFlow.bridged(SimulatedCall.inbound("61291234567", "1001", "pbx.example.com", 1)));
 *     sim.answer(uuid).hold(uuid).unhold(uuid).transfer(uuid, "1003").hangup(uuid);
 *
 *     // registrations: CUSTOM sofia::register / sofia::unregister, listed by the api commands; originate needs one
 *     sim.register("1001", "pbx.example.com", "127.0.0.1", 5062, "Yealink SIP-T46S");
 *     sim.unregister("1001", "pbx.example.com");
 *
 *     sim.startLoad(200, "load.example.com"); // random calls at 200/s for the load harness ... sim.stopLoad();
 *     sim.inject(Fault.TRUNCATED_FRAME); // misbehave on every open session (see Fault)
 * }
 * </pre>
 */
public final class EslSimulator implements AutoCloseable {

    /** The domain of the calls {@link Options#callsPerSecond(double)} generates. */
    public static final String DEFAULT_LOAD_DOMAIN = "load.pbxhub.local";
    public static final double MAX_CALLS_PER_SECOND = 10_000;
    /** A call originated by bgapi/api originate hangs up by itself after this long unless hung up before. */
    static final Duration ORIGINATED_CALL_LIMIT = Duration.ofMinutes(1);
    static final int HUGE_EVENT_BYTES = 5 * 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(EslSimulator.class);
    private static final String ORIGINATE_SYNTAX = "<call url> <exten>|&<application_name>(<app_args>) [<dialplan>]"
            + " [<context>] [<cid_name>] [<cid_num>] [<timeout_sec>]";
    private static final Pattern USER_DIAL_STRING = Pattern.compile("user/([^@]+)(?:@(.+))?");

    private final Options options;
    private final ServerSocket server;
    private final Set<EslSession> sessions = ConcurrentHashMap.newKeySet();
    private final Object deliveryLock = new Object();
    private final Object stateLock = new Object();
    private final AtomicLong sessionIds = new AtomicLong();
    private final AtomicLong eventSequence = new AtomicLong();
    private final AtomicLong channelsSinceStartup = new AtomicLong();
    private final AtomicLong loadCalls = new AtomicLong();
    private final AtomicLong lostByClosedSessions = new AtomicLong();
    private final String coreUuid = UUID.randomUUID().toString();
    private final SwitchClock clock;
    private final CallEventFactory callEvents;
    private final ApiCommands api;
    private final CallFlows flows;
    private final CallFrames callFrames;
    private final Registrations registrations = new Registrations();
    private final ScheduledExecutorService timers;
    private final Set<Fault> standingFaults = ConcurrentHashMap.newKeySet();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    /** The last events fired, for {@link #replay()}; guarded by the delivery lock. */
    private final ArrayDeque<EslEvent> history = new ArrayDeque<>();
    static final int HISTORY = 1_000;
    private final Object loadLock = new Object();
    private ScheduledFuture<?> load;
    private volatile boolean closed;

    private EslSimulator(Options options, ServerSocket server) {
        this.options = options;
        this.server = server;
        this.clock = new SwitchClock(options.zone());
        this.callEvents = new CallEventFactory(EventCaptures.get(), clock, coreUuid);
        this.callFrames = new CallFrames(callEvents, clock);
        this.flows = new CallFlows(callEvents, EventCaptures.get(), clock, this::fireWithChannelLog);
        String hostname = EventCaptures.get().channelCreate().get("FreeSWITCH-Hostname").orElse("freeswitch");
        this.api = new ApiCommands(Instant.now(), channelsSinceStartup::get, flows::inProgress,
                () -> flows.channelRows(hostname), registrations, clock, hostname);
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "esl-sim-timers-" + server.getLocalPort());
            t.setDaemon(true);
            return t;
        });
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
        if (options.heartbeatSeconds() > 0) {
            simulator.timers.scheduleAtFixedRate(simulator::heartbeat, options.heartbeatSeconds(),
                    options.heartbeatSeconds(), TimeUnit.SECONDS);
        }
        if (options.callsPerSecond() > 0) {
            simulator.startLoad(options.callsPerSecond(), DEFAULT_LOAD_DOMAIN);
        }
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

    /** Events fired so far: the Event-Sequence of the last one. */
    public long eventsFired() {
        return eventSequence.get();
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
            fireWithChannelLog(event);
        }
    }

    /**
     * {@link #play(SimulatedCall)} for load generators: the same events with the same values, but written from frames
     * rendered once per kind of call (direction, domain, ring time, billsec, cause), with the call's UUIDs, numbers,
     * name, times and Event-Sequence put in; a few µs per event instead of a few hundred. Sessions that asked for
     * json or xml, or set filters, get the events built as {@code play} builds them. Unlike {@code play}, the events
     * are not kept for {@link #replay()}; while a session logs at NOTICE or finer the call is simply played.
     */
    public void playFast(SimulatedCall call) {
        if (sessions.stream().noneMatch(s -> s.logs(LogLevel.NOTICE))) {
            synchronized (deliveryLock) {
                Optional<List<CallFrames.Frame>> frames = callFrames.frames(call, eventSequence.get() + 1);
                if (frames.isPresent()) {
                    channelsSinceStartup.incrementAndGet();
                    long first = eventSequence.getAndAdd(frames.get().size()) + 1;
                    deliver(call, first, frames.get());
                    return;
                }
            }
        }
        play(call);
    }

    private void deliver(SimulatedCall call, long firstSequence, List<CallFrames.Frame> frames) {
        List<EslEvent> built = null;
        for (EslSession session : sessions) {
            if (session.takesPlainFrames()) {
                for (CallFrames.Frame frame : frames) {
                    session.offerFrame(frame.eventName(), frame.bytes());
                }
                continue;
            }
            if (built == null) {
                built = callEvents.eventsFor(call);
                for (int i = 0; i < built.size(); i++) {
                    built.get(i).set("Event-Sequence", Long.toString(firstSequence + i));
                }
            }
            for (EslEvent event : built) {
                session.offer(event, format -> EslFrames.event(format, format.serialize(event)));
            }
        }
    }

    /** Fires the event with the NOTICE lines FreeSWITCH logs for it (new channel, hangup) on the log stream. */
    private void fireWithChannelLog(EslEvent event) {
        String uuid = event.get("Unique-ID").orElse("");
        String channel = event.get("Channel-Name").orElse("");
        switch (event.name()) {
            case "CHANNEL_CREATE" -> {
                fire(event);
                log(LogLevel.NOTICE, "switch_channel.c", "switch_channel_set_name", 1323, uuid,
                        "New Channel " + channel + " [" + uuid + "]");
            }
            case "CHANNEL_HANGUP_COMPLETE" -> {
                log(LogLevel.NOTICE, "switch_channel.c", "switch_channel_perform_hangup", 3635, uuid,
                        "Hangup " + channel + " [CS_EXECUTE] [" + event.get("Hangup-Cause").orElse("") + "]");
                fire(event);
            }
            default -> fire(event);
        }
    }

    /**
     * Sends a log line to every session that asked for logs ({@code log <level>}) at this level or more verbose, in
     * the console format: {@code <local time with µs> [LEVEL] file:line text}.
     */
    public void log(LogLevel level, String file, String function, int line, String channelUuid, String text) {
        long now = clock.nowMicros();
        String stamped = clock.local(now) + "." + String.format(Locale.ROOT, "%06d", now % 1_000_000)
                + " [" + level.name() + "] " + file + ":" + line + " " + text + "\n";
        byte[] frame = EslFrames.logData(level, file, function, line, channelUuid, stamped);
        synchronized (deliveryLock) {
            for (EslSession session : sessions) {
                session.offerLog(level, frame);
            }
        }
    }

    /** Plays a scripted call at once along its own timeline (see {@link CallFlow}). */
    public void play(CallFlow flow) {
        synchronized (flows) {
            channelsSinceStartup.incrementAndGet();
            flows.play(flow);
        }
    }

    /**
     * Starts a live call now: CHANNEL_CREATE (and the B leg's, if bridged). It stays in progress, counted by
     * {@code show calls count}, until {@link #hangup(String)}. The flow's hold and transfer settings are ignored:
     * drive the call with {@link #answer}, {@link #hold}, {@link #unhold}, {@link #transfer}, {@link #hangup}.
     *
     * @return the call's UUID
     */
    public String ring(CallFlow flow) {
        synchronized (flows) {
            channelsSinceStartup.incrementAndGet();
            return flows.ring(flow, clock.nowMicros()).call.uuid();
        }
    }

    /** {@code ring(CallFlow.of(call))}. */
    public String ring(SimulatedCall call) {
        return ring(CallFlow.of(call));
    }

    /** Answers a ringing call: CHANNEL_ANSWER (B leg first when bridged, then CHANNEL_BRIDGE). */
    public EslSimulator answer(String callUuid) {
        synchronized (flows) {
            flows.answer(flows.live(callUuid), clock.nowMicros());
        }
        return this;
    }

    /** CHANNEL_HOLD: the caller is put on hold. */
    public EslSimulator hold(String callUuid) {
        synchronized (flows) {
            flows.hold(flows.live(callUuid), clock.nowMicros());
        }
        return this;
    }

    /** CHANNEL_UNHOLD. */
    public EslSimulator unhold(String callUuid) {
        synchronized (flows) {
            flows.unhold(flows.live(callUuid), clock.nowMicros());
        }
        return this;
    }

    /** Blind transfer of a bridged call's caller to {@code destination}: a new B leg replaces the old one. */
    public EslSimulator transfer(String callUuid, String destination) {
        synchronized (flows) {
            flows.transfer(flows.live(callUuid), destination, clock.nowMicros());
        }
        return this;
    }

    /** Hangs up with NORMAL_CLEARING if answered, else with the cause the call was created with. */
    public EslSimulator hangup(String callUuid) {
        synchronized (flows) {
            CallFlows.LiveCall lc = flows.live(callUuid);
            flows.hangup(lc, lc.answered != 0 ? HangupCause.NORMAL_CLEARING.name() : lc.call.hangupCause(),
                    clock.nowMicros());
        }
        return this;
    }

    /** Hangs up with a given cause: CHANNEL_HANGUP_COMPLETE per leg (and CHANNEL_UNBRIDGE first when bridged). */
    public EslSimulator hangup(String callUuid, String cause) {
        synchronized (flows) {
            flows.hangup(flows.live(callUuid), cause, clock.nowMicros());
        }
        return this;
    }

    /** Adds a user to the switch's directory (what {@code list_users} lists); registering adds one too. */
    public void addUser(String extension, String domain) {
        registrations.addUser(extension, domain);
    }

    /**
     * The {@code api} command is no longer there, as when the module providing it is not loaded (FreeSWITCH answers
     * "-ERR &lt;command&gt; Command not found!"); {@link #clearFaults()} brings every command back.
     */
    public void unloadApi(String command) {
        api.unload(command);
    }

    /** Live calls rung and not yet hung up. */
    public int callsInProgress() {
        return flows.inProgress();
    }

    /**
     * A phone registers on the internal profile: fires CUSTOM sofia::register and adds it to what
     * {@code show registrations} and {@code sofia status profile internal reg} list.
     */
    public void register(String extension, String domain, String ip, int port, String userAgent) {
        boolean update = registrations.find(extension, domain).isPresent();
        Registrations.Registration r = registrations.add(new Registrations.Registration(extension, domain, ip, port,
                userAgent, UUID.nameUUIDFromBytes((extension + "@" + domain + "/" + ip + ":" + port)
                        .getBytes(StandardCharsets.UTF_8)) + "@" + ip,
                clock.nowMicros()));
        EslEvent e = registrationEvent(r, "sofia::register", "sofia_reg_handle_register_token", "2059");
        e.set("status", "Registered(UDP)");
        e.set("expires", Integer.toString(Registrations.EXPIRES_SECONDS));
        e.set("update-reg", Boolean.toString(update));
        fire(e);
    }

    /** The phone unregisters (REGISTER with Expires 0): fires CUSTOM sofia::unregister; unknown phones are ignored. */
    public void unregister(String extension, String domain) {
        registrations.remove(extension, domain).ifPresent(r -> {
            EslEvent e = registrationEvent(r, "sofia::unregister", "sofia_reg_handle_register_token", "1907");
            e.remove("presence-hosts");
            e.set("status", "Unregistered(UDP)");
            e.set("expires", "0");
            fire(e);
        });
    }

    /**
     * The registration ran out without a re-REGISTER: fires CUSTOM sofia::expire with the headers
     * sofia_reg_del_callback gives it and drops it from the listings; unknown phones are ignored.
     */
    public void expire(String extension, String domain) {
        registrations.remove(extension, domain).ifPresent(r -> {
            EslEvent e = EslEvent.named("CUSTOM");
            identify(e, clock.nowMicros());
            e.add("Event-Subclass", "sofia::expire")
                    .add("Event-Calling-File", "sofia_reg.c")
                    .add("Event-Calling-Function", "sofia_reg_del_callback")
                    .add("Event-Calling-Line-Number", "600")
                    .add("profile-name", "internal")
                    .add("call-id", r.callId())
                    .add("user", r.extension())
                    .add("username", r.extension())
                    .add("host", r.domain())
                    .add("contact", r.contact())
                    .add("expires", Long.toString(r.expiresEpochSeconds()))
                    .add("user-agent", r.userAgent())
                    .add("realm", r.domain())
                    .add("network-ip", r.ip())
                    .add("network-port", Integer.toString(r.port()));
            fire(e);
        });
    }

    /**
     * Fires any event as this switch does: {@code Event-Name}, the switch's identity (Core-UUID, FreeSWITCH-Hostname
     * ...), the Event-Date-* stamps of now, then {@code headers} in their order (decoded values; they are url-encoded
     * on the wire) and the next Event-Sequence. For what the scripted flows do not produce, e.g. mod_sofia's own
     * PRESENCE_IN or a CUSTOM subclass.
     */
    public void fireEvent(String eventName, Map<String, String> headers) {
        Objects.requireNonNull(eventName, "eventName");
        EslEvent e = EslEvent.named(eventName);
        identify(e, clock.nowMicros());
        headers.forEach(e::set);
        fire(e);
    }

    /** Core-UUID, the FreeSWITCH-* identity and the Event-Date-* headers switch_event_prep_for_delivery adds. */
    private void identify(EslEvent e, long micros) {
        e.add("Core-UUID", coreUuid);
        EslEvent channel = EventCaptures.get().channelCreate();
        for (String identity : new String[]{"FreeSWITCH-Hostname", "FreeSWITCH-Switchname", "FreeSWITCH-IPv4",
                "FreeSWITCH-IPv6"}) {
            channel.get(identity).ifPresent(value -> e.add(identity, value));
        }
        e.add("Event-Date-Local", clock.local(micros)).add("Event-Date-GMT", SwitchClock.gmt(micros))
                .add("Event-Date-Timestamp", Long.toString(micros));
    }

    /** Every command line the clients sent, in order (auth lines included), for tests to check what was asked. */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    void received(String commandLine) {
        commands.add(commandLine);
    }

    boolean faulted(Fault fault) {
        return standingFaults.contains(fault);
    }

    /** Whether the extension has a registration (what originate to {@code user/<ext>@<domain>} needs). */
    public boolean registered(String extension, String domain) {
        return registrations.find(extension, domain).isPresent();
    }

    /** Fires one HEARTBEAT now (what {@link Options#heartbeatSeconds} does on a timer). */
    public void heartbeat() {
        EslEvent e = EventCaptures.get().heartbeat();
        switchIdentity(e);
        long now = clock.nowMicros();
        clock.stamp(e, "", now);
        e.set("Up-Time", api.upTime());
        e.set("FreeSWITCH-Version", ApiCommands.VERSION_FULL);
        e.set("Uptime-msec", Long.toString(Duration.between(api.startedAt(), Instant.now()).toMillis()));
        e.set("Session-Count", Integer.toString(flows.inProgress()));
        e.set("Session-Since-Startup", Long.toString(channelsSinceStartup.get()));
        fire(e);
    }

    /**
     * Generates random calls (extensions 1001-1010 to national numbers, 70 % answered) of {@code domain} at this
     * rate, replacing a load already running; for the load harness.
     */
    public void startLoad(double callsPerSecond, String domain) {
        if (!(callsPerSecond > 0) || callsPerSecond > MAX_CALLS_PER_SECOND) {
            throw new IllegalArgumentException("callsPerSecond must be > 0 and <= " + MAX_CALLS_PER_SECOND);
        }
        EslSimulatorMain.CallGenerator generator = new EslSimulatorMain.CallGenerator(new Random(),
                domain);
        long periodNanos = Math.max(1, Math.round(1_000_000_000L / callsPerSecond));
        synchronized (loadLock) {
            stopLoad();
            load = timers.scheduleAtFixedRate(() -> {
                try {
                    play(generator.next());
                    loadCalls.incrementAndGet();
                } catch (RuntimeException e) {
                    LOG.warn("a generated call failed", e);
                }
            }, 0, periodNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Stops the load generator; when this returns no generated call is being played any more. */
    public void stopLoad() {
        synchronized (loadLock) {
            if (load == null) {
                return;
            }
            load.cancel(false);
            load = null;
        }
        try {
            // the timer thread is single: once this no-op ran, a call it was playing is complete
            timers.submit(() -> {
            }).get(10, TimeUnit.SECONDS);
        } catch (RejectedExecutionException | ExecutionException | TimeoutException e) {
            LOG.debugf("stopping the load: %s", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many calls the load generator has played. */
    public long loadCalls() {
        return loadCalls.get();
    }

    /**
     * Misbehaves on every open authenticated session (each fault lands between whole frames), or, for
     * {@link Fault#NO_GREETING}, on every connection from now on until {@link #clearFaults()}.
     */
    public void inject(Fault fault) {
        if (fault == Fault.NO_GREETING || fault == Fault.STALLED_API) {
            standingFaults.add(fault);
            return;
        }
        for (EslSession session : sessions) {
            if (session.authenticated()) {
                inject(session, fault);
            }
        }
    }

    /** Ends standing faults (NO_GREETING, STALLED_API) and brings back unloaded api commands. */
    public void clearFaults() {
        standingFaults.clear();
        api.reloadAll();
    }

    /**
     * A listener that fell behind: each authenticated session loses the next {@code count} events it would receive
     * as if its queue were full, then, like FreeSWITCH, the next event it does take comes with a CRIT log line
     * {@code Lost [count] events! Event Queue size: [q/max]} (log/data, to every session that asked for logs); more
     * than {@value EslSession#MAX_MISSED} kill the session after {@code Killing listener because of too many lost
     * events. Lost [N] Queue size[q/max]}.
     */
    public void loseEvents(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive");
        }
        for (EslSession session : sessions) {
            if (session.authenticated()) {
                session.loseNext(count);
            }
        }
    }

    /** Events the sessions' full queues made them lose (a slow reader), summed over every session, closed ones too. */
    public long lostEvents() {
        return lostByClosedSessions.get() + sessions.stream().mapToLong(EslSession::lostEvents).sum();
    }

    private void inject(EslSession session, Fault fault) {
        switch (fault) {
            case WRONG_CONTENT_LENGTH -> {
                String body = faultEvent(64).toPlain();
                int length = body.getBytes(StandardCharsets.UTF_8).length;
                session.inject(("Content-Length: " + (length - 10) + "\nContent-Type: text/event-plain\n\n" + body)
                        .getBytes(StandardCharsets.UTF_8), false, false);
            }
            case TRUNCATED_FRAME -> {
                byte[] frame = EslFrames.event(EventFormat.PLAIN, faultEvent(64).toPlain());
                session.inject(Arrays.copyOf(frame, frame.length / 2), true, false);
            }
            case GARBAGE -> {
                byte[] garbage = new byte[512];
                new Random(fault.ordinal()).nextBytes(garbage);
                session.inject(garbage, false, false);
            }
            case HUGE_EVENT -> {
                EslEvent e = faultEvent(HUGE_EVENT_BYTES);
                e.set("Event-Sequence", Long.toString(eventSequence.incrementAndGet()));
                session.inject(EslFrames.event(session.format(), session.format().serialize(e)), false, false);
            }
            case ABRUPT_CLOSE -> session.inject(null, false, true);
            case NO_GREETING, STALLED_API -> throw new IllegalArgumentException(fault + " is a standing fault");
        }
    }

    /** A BACKGROUND_JOB whose output is {@code bodyBytes} of printable ASCII lines. */
    private EslEvent faultEvent(int bodyBytes) {
        StringBuilder body = new StringBuilder(bodyBytes);
        String line = "uuid,direction,created,created_epoch,name,state,cid_name,cid_num,ip_addr,dest\n";
        while (body.length() + line.length() <= bodyBytes) {
            body.append(line);
        }
        body.append("x".repeat(bodyBytes - body.length()));
        EslEvent e = EventCaptures.get().backgroundJob();
        e.removeIf(name -> name.startsWith("Job-"));
        switchIdentity(e);
        clock.stamp(e, "", clock.nowMicros());
        e.add("Job-UUID", UUID.randomUUID().toString()).add("Job-Command", "show").add("Job-Command-Arg", "calls");
        return e.body(body.toString());
    }

    /**
     * {@code originate [{vars}]user/<ext>@<domain> <number> [XML <context>]}: for a registered extension, a live call
     * from it to the number (rung, answered and bridged now, hung up after {@link #ORIGINATED_CALL_LIMIT}) and
     * {@code +OK <uuid>}; otherwise {@code -ERR USER_NOT_REGISTERED}, as FreeSWITCH answers. Other dial strings
     * (gateways, loopback) give {@code -ERR CHAN_NOT_IMPLEMENTED}, a wrong argument count the usage.
     */
    String originate(String arg) {
        String rest = arg == null ? "" : arg.trim();
        Map<String, String> vars = new HashMap<>();
        if (rest.startsWith("{") && rest.indexOf('}') > 0) {
            for (String pair : rest.substring(1, rest.indexOf('}')).split(",")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    vars.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                }
            }
            rest = rest.substring(rest.indexOf('}') + 1).trim();
        }
        String[] words = rest.split(" +");
        if (words.length < 2 || words.length > 7) {
            return "-USAGE: " + ORIGINATE_SYNTAX + "\n";
        }
        Matcher user = USER_DIAL_STRING.matcher(words[0]);
        if (!user.matches()) {
            // the simulator has no gateways or other endpoints to dial
            return "-ERR CHAN_NOT_IMPLEMENTED\n";
        }
        String extension = user.group(1);
        // without a domain FreeSWITCH takes its default one; the simulator takes the extension's registration
        String domain = user.group(2) != null
                ? user.group(2)
                : registrations.all().stream().filter(r -> r.extension().equals(extension)).findFirst()
                        .map(Registrations.Registration::domain).orElse(null);
        if (domain == null || !registered(extension, domain)) {
            return "-ERR USER_NOT_REGISTERED\n";
        }
        SimulatedCall call = SimulatedCall.answered(extension, words[1], domain, 1);
        String uuid = vars.get("origination_uuid");
        if (uuid != null && !uuid.isBlank()) {
            call = call.withUuid(uuid);
        }
        String cidName = vars.get("origination_caller_id_name");
        if (cidName != null && !cidName.isBlank()) {
            call = call.withCallerIdName(cidName);
        }
        String id = call.uuid();
        try {
            ring(CallFlow.bridged(call));
            answer(id);
        } catch (IllegalStateException e) {
            return "-ERR DESTINATION_OUT_OF_ORDER\n";
        }
        timers.schedule(() -> {
            try {
                hangup(id);
            } catch (IllegalArgumentException alreadyGone) {
                LOG.debugf("originated call %s was hung up before its limit", id);
            }
        }, ORIGINATED_CALL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        return "+OK " + id + "\n";
    }

    private EslEvent registrationEvent(Registrations.Registration r, String subclass, String function, String line) {
        EslEvent e = EventCaptures.get().sofiaRegister();
        switchIdentity(e);
        clock.stamp(e, "", r.registeredMicros());
        e.set("Event-Subclass", subclass);
        e.set("Event-Calling-Function", function);
        e.set("Event-Calling-Line-Number", line);
        e.set("profile-name", "internal");
        e.set("from-user", r.extension());
        e.set("from-host", r.domain());
        e.set("presence-hosts", r.domain());
        e.set("contact", r.contact());
        e.set("call-id", r.callId());
        e.set("rpid", "unknown");
        // the 2009 capture says statusd; current sofia_reg.c writes status
        e.remove("statusd");
        e.insertAfter("rpid", "status", "");
        e.set("to-user", r.extension());
        e.set("to-host", r.domain());
        e.set("network-ip", r.ip());
        e.set("network-port", Integer.toString(r.port()));
        e.set("username", r.extension());
        e.set("realm", r.domain());
        e.set("user-agent", r.userAgent());
        return e;
    }

    /** Core-UUID and the FreeSWITCH-* identity every event of this switch carries. */
    private void switchIdentity(EslEvent event) {
        EslEvent channel = EventCaptures.get().channelCreate();
        for (String identity : new String[]{"FreeSWITCH-Hostname", "FreeSWITCH-Switchname", "FreeSWITCH-IPv4",
                "FreeSWITCH-IPv6"}) {
            channel.get(identity).ifPresent(value -> event.setIfPresent(identity, value));
        }
        event.set("Core-UUID", coreUuid);
    }

    /** Stops listening and drops every connection, as a FreeSWITCH that goes away would. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        timers.shutdownNow();
        closeQuietly(server);
        for (EslSession session : List.copyOf(sessions)) {
            session.close();
        }
        LOG.infof("FreeSWITCH ESL simulator on port %d closed", server.getLocalPort());
    }

    /**
     * Sends the last {@value #HISTORY} events fired so far again, unchanged (same Core-UUID and Event-Sequence), to
     * the sessions subscribed now: the duplicate stream a client gets when something between it and the switch (a
     * relay, a proxy, a client's own reconnect logic) replays what was already delivered. FreeSWITCH itself never
     * does; a client must still not record anything twice.
     */
    public void replay() {
        synchronized (deliveryLock) {
            for (EslEvent event : List.copyOf(history)) {
                deliver(event);
            }
        }
    }

    /** Stamps the next Event-Sequence and queues the event for every session that listens to it. */
    void fire(EslEvent event) {
        synchronized (deliveryLock) {
            event.set("Event-Sequence", Long.toString(eventSequence.incrementAndGet()));
            // by reference: a fired event is not changed afterwards (flows copy before they derive one)
            history.addLast(event);
            if (history.size() > HISTORY) {
                history.removeFirst();
            }
            deliver(event);
        }
    }

    private void deliver(EslEvent event) {
        synchronized (deliveryLock) {
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
        switchIdentity(event);
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
        if (sessions.remove(session)) {
            lostByClosedSessions.addAndGet(session.lostEvents());
        }
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
                EslSession session = new EslSession(sessionIds.incrementAndGet(), socket, this,
                        !standingFaults.contains(Fault.NO_GREETING));
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
     * FreeSWITCH default), local time in the JVM's zone, no HEARTBEAT, no generated calls.
     *
     * @param heartbeatSeconds
     *            fire HEARTBEAT every so many seconds (FreeSWITCH: 20); 0 for none
     * @param callsPerSecond
     *            play random calls of domain {@value #DEFAULT_LOAD_DOMAIN} at this rate from the start (see
     *            {@link #startLoad}); 0 for none
     */
    public record Options(String host, int port, String password, ZoneId zone, int heartbeatSeconds,
            double callsPerSecond) {

        public Options {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(zone, "zone");
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535, not " + port);
            }
            if (heartbeatSeconds < 0) {
                throw new IllegalArgumentException("heartbeatSeconds must not be negative");
            }
            if (!(callsPerSecond >= 0) || callsPerSecond > MAX_CALLS_PER_SECOND) {
                throw new IllegalArgumentException("callsPerSecond must be 0.." + MAX_CALLS_PER_SECOND);
            }
        }

        public Options(String host, int port, String password, ZoneId zone) {
            this(host, port, password, zone, 0, 0);
        }

        public static Options defaults() {
            return new Options("127.0.0.1", 0, "ClueCon", ZoneId.systemDefault());
        }

        public Options host(String newHost) {
            return new Options(newHost, port, password, zone, heartbeatSeconds, callsPerSecond);
        }

        /** 0 picks a free port. */
        public Options port(int newPort) {
            return new Options(host, newPort, password, zone, heartbeatSeconds, callsPerSecond);
        }

        public Options password(String newPassword) {
            return new Options(host, port, newPassword, zone, heartbeatSeconds, callsPerSecond);
        }

        /** The switch's time zone for Event-Date-Local and the CDR {@code *_stamp} variables. */
        public Options zone(ZoneId newZone) {
            return new Options(host, port, password, newZone, heartbeatSeconds, callsPerSecond);
        }

        public Options heartbeatSeconds(int seconds) {
            return new Options(host, port, password, zone, seconds, callsPerSecond);
        }

        public Options callsPerSecond(double rate) {
            return new Options(host, port, password, zone, heartbeatSeconds, rate);
        }

        @Override
        public String toString() {
            return "Options[host=" + host + ", port=" + port + ", zone=" + zone + ", heartbeatSeconds="
                    + heartbeatSeconds + ", callsPerSecond=" + callsPerSecond + "]";
        }
    }
}
