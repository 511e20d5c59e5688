package io.pbxhub.esl.live;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import jakarta.inject.Singleton;

import io.pbxhub.contracts.PresenceEvent;
import io.pbxhub.contracts.PresenceEvent.State;
import io.pbxhub.esl.call.ChannelFields;
import io.pbxhub.esl.connection.EslInstance;
import io.pbxhub.esl.protocol.EslEvent;

import static io.pbxhub.esl.call.ChannelFields.first;
import static io.pbxhub.esl.call.ChannelFields.text;

/**
 * BLF state per extension of the instances this replica holds, from three sources: the channel events of the
 * extension's calls (by presence id), PRESENCE_IN, and the sofia::register / unregister / expire events. An extension
 * with several calls shows the busiest of them (busy over on hold over ringing); one without calls is idle, or
 * unregistered once its registration went away. Only changes are reported.
 */
@Singleton
public class PresenceTracker {

    static final String REGISTER = "sofia::register";
    static final String UNREGISTER = "sofia::unregister";
    static final String EXPIRE = "sofia::expire";
    /** PRESENCE_IN without a channel (mod_sofia's own) is kept under this pseudo channel. */
    private static final String NO_CHANNEL = "";

    private static final Map<String, State> CHANNEL_STATES = Map.of(
            "CHANNEL_CREATE", State.RINGING,
            "CHANNEL_PROGRESS", State.RINGING,
            "CHANNEL_PROGRESS_MEDIA", State.RINGING,
            "CHANNEL_ANSWER", State.BUSY,
            "CHANNEL_BRIDGE", State.BUSY,
            "CHANNEL_UNBRIDGE", State.BUSY,
            "CHANNEL_UNHOLD", State.BUSY,
            "CHANNEL_HOLD", State.ON_HOLD,
            "CHANNEL_HANGUP_COMPLETE", State.IDLE);

    private static final class Extension {
        final Map<String, State> channels = new HashMap<>();
        boolean unregistered;
        State published;
        volatile PresenceEvent last;
    }

    /** {@code instanceId:extension@domain} → what we know of that extension. */
    private final Map<String, Extension> extensions = new ConcurrentHashMap<>();

    /** The topic key of an extension's presence (the compacted topic keeps the latest per key). */
    public static String key(UUID instanceId, String extension, String domain) {
        return instanceId + ":" + extension + "@" + domain;
    }

    /** The new BLF state of the extension {@code event} is about, when it changed. */
    public Optional<PresenceEvent> apply(EslInstance instance, EslEvent event) {
        String name = event.name();
        if (name == null) {
            return Optional.empty();
        }
        if (CHANNEL_STATES.containsKey(name)) {
            if (trunkLeg(event)) {
                return Optional.empty();
            }
            return channel(instance, event, text(event, "Unique-ID"), CHANNEL_STATES.get(name),
                    first(event, "Channel-Presence-ID", "variable_presence_id"));
        }
        if ("PRESENCE_IN".equals(name)) {
            State state = presenceInState(event);
            String uuid = text(event, "Unique-ID");
            return state == null
                    ? Optional.empty()
                    : channel(instance, event, uuid == null ? NO_CHANNEL : uuid, state, text(event, "from"));
        }
        if ("CUSTOM".equals(name)) {
            return registration(instance, event);
        }
        return Optional.empty();
    }

    /**
     * A leg to or from a carrier (a sofia gateway, or the external profile the carriers use): its presence id is a
     * phone number, not an extension, so it has no BLF.
     */
    static boolean trunkLeg(EslEvent event) {
        return trunkChannel(first(event, "Channel-Name", "variable_channel_name"));
    }

    static boolean trunkChannel(String channelName) {
        return channelName != null
                && (channelName.startsWith("sofia/gateway/") || channelName.startsWith("sofia/external/"));
    }

    private Optional<PresenceEvent> channel(EslInstance instance, EslEvent event, String channelUuid, State state,
            String presenceId) {
        Address address = Address.parse(presenceId);
        if (address == null || channelUuid == null) {
            return Optional.empty();
        }
        return update(instance, address, occurredAt(event), channelUuid, ext -> {
            if (state == State.IDLE) {
                ext.channels.remove(channelUuid);
            } else {
                ext.channels.put(channelUuid, state);
            }
        });
    }

    private Optional<PresenceEvent> registration(EslInstance instance, EslEvent event) {
        String subclass = text(event, "Event-Subclass");
        boolean register = REGISTER.equals(subclass);
        if (!register && !UNREGISTER.equals(subclass) && !EXPIRE.equals(subclass)) {
            return Optional.empty();
        }
        String user = first(event, "from-user", "username", "to-user");
        String domain = first(event, "realm", "to-host", "from-host");
        Address address = user == null || domain == null ? null : Address.parse(user + "@" + domain);
        if (address == null) {
            return Optional.empty();
        }
        return update(instance, address, occurredAt(event), null, ext -> ext.unregistered = !register);
    }

    private Optional<PresenceEvent> update(EslInstance instance, Address address, Instant at, String callUuid,
            Consumer<Extension> change) {
        String key = key(instance.instanceId(), address.extension(), address.domain());
        PresenceEvent[] result = new PresenceEvent[1];
        extensions.compute(key, (k, ext) -> {
            Extension e = ext != null ? ext : new Extension();
            change.accept(e);
            State now = stateOf(e);
            if (now != e.published) {
                e.published = now;
                result[0] = new PresenceEvent(instance.instanceId(), instance.tenantId(), address.extension(),
                        address.domain(), now, now == State.IDLE || now == State.UNREGISTERED ? null : callUuid,
                        at);
                e.last = result[0];
            }
            return e;
        });
        return Optional.ofNullable(result[0]);
    }

    private static State stateOf(Extension e) {
        if (e.channels.containsValue(State.BUSY)) {
            return State.BUSY;
        }
        if (e.channels.containsValue(State.ON_HOLD)) {
            return State.ON_HOLD;
        }
        if (e.channels.containsValue(State.RINGING)) {
            return State.RINGING;
        }
        return e.unregistered ? State.UNREGISTERED : State.IDLE;
    }

    /**
     * PRESENCE_IN's {@code presence-call-info-state} (idle, held, progressing, alerting, active), else the dialog
     * {@code answer-state} (early, confirmed, terminated).
     */
    static State presenceInState(EslEvent event) {
        String info = text(event, "presence-call-info-state");
        if (info != null) {
            switch (info.trim().toLowerCase(Locale.ROOT)) {
                case "idle" :
                    return State.IDLE;
                case "held", "held-private" :
                    return State.ON_HOLD;
                case "progressing", "alerting" :
                    return State.RINGING;
                case "active" :
                    return State.BUSY;
                default :
                    break;
            }
        }
        String answer = text(event, "answer-state");
        if (answer == null) {
            return null;
        }
        return switch (answer.trim().toLowerCase(Locale.ROOT)) {
            case "early", "ringing" -> State.RINGING;
            case "confirmed", "answered" -> State.BUSY;
            case "terminated", "hangup" -> State.IDLE;
            default -> null;
        };
    }

    private static Instant occurredAt(EslEvent event) {
        Instant at = ChannelFields.micros(ChannelFields.number(event, "Event-Date-Timestamp"));
        return at != null ? at : Instant.now();
    }

    /** The current state of every extension seen, for one instance and/or tenant (null = any). */
    public List<PresenceEvent> list(UUID instanceId, String tenantId) {
        return extensions.values().stream()
                .map(e -> e.last)
                .filter(p -> p != null && (instanceId == null || instanceId.equals(p.instanceId()))
                        && (tenantId == null || tenantId.equals(p.tenantId())))
                .sorted(Comparator.comparing((PresenceEvent p) -> p.instanceId().toString())
                        .thenComparing(PresenceEvent::domain).thenComparing(PresenceEvent::extension))
                .toList();
    }

    /** The domains {@code extension} of the instance has been seen in (registrations, calls, presence). */
    public Set<String> domainsOf(UUID instanceId, String extension) {
        String prefix = instanceId + ":" + extension + "@";
        Set<String> domains = new TreeSet<>();
        extensions.keySet().stream().filter(k -> k.startsWith(prefix))
                .forEach(k -> domains.add(k.substring(prefix.length())));
        return domains;
    }

    /**
     * Channels that ended while the ESL connection was down (FreeSWITCH no longer lists them) stop counting for their
     * extensions; returns the extensions whose state changed (back to idle, or unregistered).
     */
    public List<PresenceEvent> dropChannels(EslInstance instance, Set<String> channelUuids, Instant at) {
        if (channelUuids.isEmpty()) {
            return List.of();
        }
        String prefix = instance.instanceId() + ":";
        List<PresenceEvent> changed = new ArrayList<>();
        for (String key : List.copyOf(extensions.keySet())) {
            if (!key.startsWith(prefix)) {
                continue;
            }
            extensions.computeIfPresent(key, (k, e) -> {
                if (!e.channels.keySet().removeAll(channelUuids)) {
                    return e;
                }
                State now = stateOf(e);
                if (now != e.published && e.last != null) {
                    e.published = now;
                    e.last = new PresenceEvent(instance.instanceId(), instance.tenantId(), e.last.extension(),
                            e.last.domain(), now, null, at);
                    changed.add(e.last);
                }
                return e;
            });
        }
        return changed;
    }

    /**
     * A channel FreeSWITCH listed after a reconnect counts for its extension as its events would have: it started
     * while the connection was down. Carrier legs have no BLF; channels already known keep what their events said.
     */
    public Optional<PresenceEvent> listedChannel(EslInstance instance, ListedChannel channel, Instant at) {
        PresenceEvent.State state = channel.presence();
        Address address = Address.parse(channel.presenceId());
        if (state == null || address == null || trunkChannel(channel.name())) {
            return Optional.empty();
        }
        return update(instance, address, at, channel.callUuid(),
                ext -> ext.channels.putIfAbsent(channel.uuid(), state));
    }

    /** The instance's connection moved away or the instance is gone: its extensions are no longer kept up. */
    public void forget(UUID instanceId) {
        String prefix = instanceId + ":";
        extensions.keySet().removeIf(k -> k.startsWith(prefix));
    }

    /** {@code extension@domain}, either part free of anything that could break the topic key. */
    record Address(String extension, String domain) {

        static Address parse(String presenceId) {
            if (presenceId == null) {
                return null;
            }
            String id = presenceId.trim();
            if (id.regionMatches(true, 0, "sip:", 0, 4)) {
                id = id.substring(4);
            }
            int at = id.lastIndexOf('@');
            if (at <= 0 || at == id.length() - 1) {
                return null;
            }
            String extension = id.substring(0, at);
            String domain = id.substring(at + 1).toLowerCase(Locale.ROOT);
            if (!clean(extension) || !clean(domain) || extension.length() > 64 || domain.length() > 253) {
                return null;
            }
            return new Address(extension, domain);
        }

        private static boolean clean(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c <= ' ' || c == ':' || c == '@' || c == 0x7F) {
                    return false;
                }
            }
            return true;
        }
    }
}
