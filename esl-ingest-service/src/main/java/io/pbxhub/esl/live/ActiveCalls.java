package io.pbxhub.esl.live;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import io.pbxhub.contracts.CallEvent;
import io.pbxhub.esl.connection.EslInstance;

/**
 * The call legs in progress on the instances whose ESL connection this replica holds, built from the normalized call
 * events: a leg appears at its first event and leaves at HUNGUP. Only this replica's instances are known here.
 */
@Singleton
public class ActiveCalls {

    /** instance id → channel UUID → leg. */
    private final Map<UUID, Map<String, ActiveCall>> byInstance = new ConcurrentHashMap<>();

    /** Applies one call event; returns the leg as it now is (state HUNGUP for one that just ended). */
    public Optional<ActiveCall> apply(CallEvent event) {
        if (event.instanceId() == null || event.channelUuid() == null) {
            return Optional.empty();
        }
        Map<String, ActiveCall> calls = byInstance.computeIfAbsent(event.instanceId(),
                id -> new ConcurrentHashMap<>());
        if (event.state() == CallEvent.State.HUNGUP) {
            ActiveCall ended = calls.remove(event.channelUuid());
            return Optional.of(ended != null ? ended.next(event) : ActiveCall.started(event));
        }
        return Optional
                .of(calls.merge(event.channelUuid(), ActiveCall.started(event), (old, fresh) -> old.next(event)));
    }

    /** The legs of one instance and/or tenant (null = any), oldest first. */
    public List<ActiveCall> list(UUID instanceId, String tenantId) {
        return byInstance.entrySet().stream()
                .filter(e -> instanceId == null || instanceId.equals(e.getKey()))
                .flatMap(e -> e.getValue().values().stream())
                .filter(c -> tenantId == null || tenantId.equals(c.tenantId()))
                .sorted(Comparator.comparing(ActiveCall::startedAt, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(ActiveCall::channelUuid))
                .toList();
    }

    /** The instance's ESL dropped: its legs stay listed, flagged stale. Returns the legs now flagged. */
    public List<ActiveCall> markStale(UUID instanceId) {
        Map<String, ActiveCall> calls = byInstance.get(instanceId);
        if (calls == null) {
            return List.of();
        }
        List<ActiveCall> flagged = new ArrayList<>();
        calls.replaceAll((uuid, call) -> {
            if (call.stale()) {
                return call;
            }
            ActiveCall now = call.withStale(true);
            flagged.add(now);
            return now;
        });
        return flagged;
    }

    /**
     * After a reconnect, FreeSWITCH listed {@code liveChannels}: stale legs it still has lose the flag, the others are
     * removed (returned as HUNGUP), and legs it has that we never heard of (they started while the connection was
     * down) are added. Legs that are not stale are news since the reconnect and stay as they are.
     */
    public Reconciled reconcile(EslInstance instance, List<ListedChannel> liveChannels, Instant at) {
        Map<String, ListedChannel> listed = new HashMap<>();
        liveChannels.forEach(c -> listed.put(c.uuid(), c));
        Map<String, ActiveCall> calls = byInstance.computeIfAbsent(instance.instanceId(),
                id -> new ConcurrentHashMap<>());
        Reconciled result = new Reconciled(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (String uuid : List.copyOf(calls.keySet())) {
            calls.computeIfPresent(uuid, (k, call) -> {
                if (!call.stale()) {
                    return call;
                }
                if (listed.containsKey(uuid)) {
                    ActiveCall confirmed = call.withStale(false);
                    result.confirmed().add(confirmed);
                    return confirmed;
                }
                result.ended().add(call.vanished(at));
                return null;
            });
        }
        for (ListedChannel channel : liveChannels) {
            if (channel.state() == null) {
                continue;
            }
            ActiveCall found = ActiveCall.listed(instance, channel, at);
            if (calls.putIfAbsent(channel.uuid(), found) == null) {
                result.started().add(found);
            }
        }
        return result;
    }

    /** What a reconcile changed: legs still there, legs that ended unseen, legs that started unseen. */
    public record Reconciled(List<ActiveCall> confirmed, List<ActiveCall> ended, List<ActiveCall> started) {
    }

    /** The instance's connection moved away or the instance is gone: what we knew of its calls is no longer kept up. */
    public void forget(UUID instanceId) {
        byInstance.remove(Objects.requireNonNull(instanceId));
    }
}
