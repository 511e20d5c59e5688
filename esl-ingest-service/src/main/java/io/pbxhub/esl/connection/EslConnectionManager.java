package io.pbxhub.esl.connection;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pbxhub.contracts.InstanceEvent;
import io.pbxhub.esl.messaging.PublishPressure;
import io.pbxhub.esl.protocol.EslEvent;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;

/**
 * Holds one {@link EslConnection} per FusionPBX instance of the {@code instance-events} partitions this replica owns,
 * and keeps them in step with that topic: open on CREATED, re-open when the ESL endpoint changes, close on DELETED.
 */
@ApplicationScoped
public class EslConnectionManager implements EslConnectionListener {

    private static final Logger LOG = Logger.getLogger(EslConnectionManager.class);

    private record Held(EslConnection connection, int partition) {
    }

    private final Vertx vertx;
    private final EslConfig config;
    private final EslPasswordSource passwords;
    private final EslEventSink events;
    private final EslStatusSink status;
    private final NetClient netClient;
    private final ReconnectBackoff backoff;
    private final PublishPressure pressure;
    private final Counter pauses;
    private final Event<EslInstanceClosed> closedEvents;
    private final Event<EslConnectionUp> upEvents;
    private final Event<EslConnectionDown> downEvents;
    private final EventMarkStore marks;
    private final Map<UUID, Held> connections = new ConcurrentHashMap<>();
    private final Map<UUID, Long> versions = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    /** Lost events FreeSWITCH reported per instance since this replica took it over. */
    private final Map<UUID, AtomicLong> lostEvents = new ConcurrentHashMap<>();

    public EslConnectionManager(Vertx vertx, EslConfig config, EslPasswordSource passwords, EslEventSink events,
            EslStatusSink status, MeterRegistry registry, PublishPressure pressure,
            Event<EslInstanceClosed> closedEvents, Event<EslConnectionUp> upEvents,
            Event<EslConnectionDown> downEvents, EventMarkStore marks) {
        this.marks = marks;
        this.pressure = pressure;
        this.closedEvents = closedEvents;
        this.upEvents = upEvents;
        this.downEvents = downEvents;
        this.registry = registry;
        this.pauses = Counter.builder("pbxhub.esl.socket.pauses")
                .description("Times an ESL socket stopped being read because Kafka lagged")
                .register(registry);
        this.vertx = vertx;
        this.config = config;
        this.passwords = passwords;
        this.events = events;
        this.status = status;
        this.backoff = new ReconnectBackoff(config.reconnect().initialDelay(), config.reconnect().maxDelay(),
                new SecureRandom());
        NetClientOptions options = new NetClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setTcpKeepAlive(true)
                .setTcpNoDelay(true);
        if (!config.readIdleTimeout().isZero()) {
            options.setReadIdleTimeout((int) config.readIdleTimeout().toMillis())
                    .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        }
        this.netClient = vertx.createNetClient(options);
        for (EslConnection.State state : EslConnection.State.values()) {
            Gauge.builder("pbxhub.esl.connections", this, m -> m.count(state))
                    .description("ESL connections held by this replica, by state")
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
    }

    /**
     * Applies one instance-events record from {@code partition}. Records with a version not newer than the last applied
     * one are ignored, so a replayed or reordered topic cannot undo a newer change.
     */
    public synchronized void apply(InstanceEvent event, int partition) {
        UUID id = event.instanceId();
        Long known = versions.get(id);
        if (known != null && event.version() <= known) {
            LOG.debugf("instance %s: ignoring %s v%d, already at v%d", id, event.change(), event.version(), known);
            return;
        }
        versions.put(id, event.version());
        if (event.change() == InstanceEvent.Change.DELETED || !hasEsl(event)) {
            close(id, event.change() == InstanceEvent.Change.DELETED ? "instance deleted" : "instance has no ESL");
            return;
        }
        EslInstance target = new EslInstance(id, event.tenantId(), event.eslHost().trim(),
                event.eslPort() != null ? event.eslPort() : config.defaultPort());
        Held held = connections.get(id);
        if (held != null && held.connection().instance().equals(target)) {
            connections.put(id, new Held(held.connection(), partition));
            if (held.connection().state() != EslConnection.State.UP) {
                // The instance changed (perhaps its password): try again now instead of waiting out the back-off.
                held.connection().reconnectNow();
            }
            return;
        }
        if (held != null) {
            LOG.infof("instance %s: ESL settings changed, re-opening", id);
            held.connection().stop();
        }
        open(target, partition);
    }

    /** A tombstone on the compacted topic: the instance is gone whatever its last version was. */
    public synchronized void removed(UUID instanceId) {
        close(instanceId, "instance removed");
    }

    /** Partitions moved to another replica (or were lost): it owns their connections now. */
    public synchronized void release(Collection<Integer> partitions) {
        connections.entrySet().removeIf(e -> {
            if (!partitions.contains(e.getValue().partition())) {
                return false;
            }
            LOG.infof("instance %s: partition %d released, closing ESL", e.getKey(), e.getValue().partition());
            e.getValue().connection().stop();
            versions.remove(e.getKey());
            closedEvents.fire(new EslInstanceClosed(e.getKey()));
            return true;
        });
        versions.keySet().removeIf(id -> !connections.containsKey(id));
    }

    public List<EslConnection> connections() {
        return connections.values().stream().map(Held::connection).toList();
    }

    public EslConnection connection(UUID instanceId) {
        Held held = connections.get(instanceId);
        return held == null ? null : held.connection();
    }

    long count(EslConnection.State state) {
        return connections.values().stream().filter(h -> h.connection().state() == state).count();
    }

    @PreDestroy
    void shutdown() {
        connections.values().forEach(h -> h.connection().stop());
        connections.clear();
        netClient.close();
    }

    private void open(EslInstance target, int partition) {
        EslConnection connection = new EslConnection(target, vertx, netClient, passwords, this, backoff,
                config.handshakeTimeout(), new EventDedupWindow(config.dedupWindow()), pressure, pauses::increment)
                .partialFrameTimeout(config.partialFrameTimeout())
                .eventMarks(marks);
        connections.put(target.instanceId(), new Held(connection, partition));
        LOG.infof("instance %s: opening ESL to %s:%d", target.instanceId(), target.host(), target.port());
        connection.start();
    }

    private void close(UUID id, String why) {
        Held held = connections.remove(id);
        if (held != null) {
            LOG.infof("instance %s: %s, closing ESL", id, why);
            held.connection().stop();
            closedEvents.fire(new EslInstanceClosed(id));
        }
    }

    private static boolean hasEsl(InstanceEvent event) {
        return event.pbxType() == InstanceEvent.PbxType.FUSIONPBX && event.eslHost() != null
                && !event.eslHost().isBlank();
    }

    @Override
    public void up(EslConnection connection) {
        if (isCurrent(connection)) {
            status.up(connection.instance());
            upEvents.fire(new EslConnectionUp(connection));
        }
    }

    @Override
    public void down(EslConnection connection, String reason) {
        if (isCurrent(connection)) {
            status.down(connection.instance(), reason);
            downEvents.fire(new EslConnectionDown(connection.instance(), reason));
        }
    }

    @Override
    public void event(EslConnection connection, EslEvent event) {
        events.accept(connection.instance(), event);
    }

    @Override
    public void lostEvents(EslConnection connection, long count) {
        UUID id = connection.instance().instanceId();
        lostEvents.computeIfAbsent(id, k -> new AtomicLong()).addAndGet(count);
        Counter.builder("pbxhub.esl.events.lost")
                .description("Events FreeSWITCH reported lost (its listener queue overflowed), from its CRIT log")
                .tag("instance", id.toString())
                .register(registry).increment(count);
    }

    /** The running total of events FreeSWITCH reported lost for the instance (0 when none or not held here). */
    public long lostEvents(UUID instanceId) {
        AtomicLong total = lostEvents.get(instanceId);
        return total == null ? 0 : total.get();
    }

    @Override
    public void gone(EslConnection connection) {
        connections.remove(connection.instance().instanceId(), currentHeld(connection));
    }

    private boolean isCurrent(EslConnection connection) {
        return currentHeld(connection) != null;
    }

    private Held currentHeld(EslConnection connection) {
        Held held = connections.get(connection.instance().instanceId());
        return held != null && held.connection() == connection ? held : null;
    }
}
