package io.pbxhub.testsupport.esl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.pbxhub.testsupport.esl.CallEventFactory.Timeline;

/**
 * Calls in progress and the events of each step of a {@link CallFlow}: ring, answer, hold, unhold, transfer, hangup.
 * Every step is stamped with the time it is given, so a flow can be played live (now) or along its own timeline.
 */
final class CallFlows {

    private static final String MARK_HOLD_FUNCTION = "switch_channel_perform_mark_hold";

    private final CallEventFactory factory;
    private final EventCaptures captures;
    private final SwitchClock clock;
    private final Consumer<EslEvent> fire;
    private final Map<String, LiveCall> calls = new ConcurrentHashMap<>();

    CallFlows(CallEventFactory factory, EventCaptures captures, SwitchClock clock, Consumer<EslEvent> fire) {
        this.factory = factory;
        this.captures = captures;
        this.clock = clock;
        this.fire = fire;
    }

    int inProgress() {
        return calls.size();
    }

    /** Columns of the core db's channels table, in the order {@code show channels} prints them. */
    static final List<String> CHANNEL_COLUMNS = List.of("uuid", "direction", "created", "created_epoch", "name",
            "state", "cid_name", "cid_num", "ip_addr", "dest", "application", "application_data", "dialplan",
            "context", "read_codec", "read_rate", "read_bit_rate", "write_codec", "write_rate", "write_bit_rate",
            "secure", "hostname", "presence_id", "presence_data", "accountcode", "callstate", "callee_name",
            "callee_num", "callee_direction", "call_uuid", "sent_callee_name", "sent_callee_num", "initial_cid_name",
            "initial_cid_num", "initial_ip_addr", "initial_dest", "initial_dialplan", "initial_context");

    /** One row per channel of the calls in progress (the A leg, and the B leg of a bridged call), oldest first. */
    List<Map<String, String>> channelRows(String hostname) {
        List<Map<String, String>> rows = new ArrayList<>();
        calls.values().stream().sorted(Comparator.comparingLong((LiveCall lc) -> lc.created)).forEach(lc -> {
            String callState = lc.answered == 0 ? "RINGING" : lc.heldSince != 0 ? "HELD" : "ACTIVE";
            SimulatedCall call = lc.call;
            String aName = "sofia/" + (SimulatedCall.INBOUND.equals(call.direction()) ? "external" : "internal") + "/"
                    + call.callerIdNumber() + "@" + call.domain();
            rows.add(channelRow(lc, call.uuid(), "inbound", aName, call.callerIdNumber() + "@" + call.domain(),
                    callState, hostname));
            if (lc.flow.bLegEvents()) {
                String bState = lc.answered == 0 ? "EARLY" : "ACTIVE";
                rows.add(channelRow(lc, lc.bLeg, "outbound", bChannelName(call),
                        call.destinationNumber() + "@" + call.domain(), bState, hostname));
            }
        });
        return rows;
    }

    private Map<String, String> channelRow(LiveCall lc, String uuid, String direction, String name,
            String presenceId, String callState, String hostname) {
        SimulatedCall call = lc.call;
        Map<String, String> row = new LinkedHashMap<>();
        CHANNEL_COLUMNS.forEach(column -> row.put(column, ""));
        row.put("uuid", uuid);
        row.put("direction", direction);
        row.put("created", clock.local(lc.created));
        row.put("created_epoch", Long.toString(lc.created / 1_000_000));
        row.put("name", name);
        row.put("state", "CS_EXECUTE");
        row.put("cid_name", call.callerIdName());
        row.put("cid_num", call.callerIdNumber());
        row.put("ip_addr", "127.0.0.1");
        row.put("dest", call.destinationNumber());
        row.put("dialplan", "XML");
        row.put("context", call.domain());
        row.put("read_codec", "PCMA");
        row.put("read_rate", "8000");
        row.put("read_bit_rate", "64000");
        row.put("write_codec", "PCMA");
        row.put("write_rate", "8000");
        row.put("write_bit_rate", "64000");
        row.put("hostname", hostname);
        row.put("presence_id", presenceId);
        row.put("callstate", callState);
        row.put("call_uuid", call.uuid());
        row.put("initial_cid_name", call.callerIdName());
        row.put("initial_cid_num", call.callerIdNumber());
        row.put("initial_ip_addr", "127.0.0.1");
        row.put("initial_dest", call.destinationNumber());
        row.put("initial_dialplan", "XML");
        row.put("initial_context", call.domain());
        return row;
    }

    /** Plays the whole flow along the call's own timeline. */
    void play(CallFlow flow) {
        SimulatedCall call = flow.call();
        long created = SwitchClock.micros(call.start());
        long answered = created + call.ringSeconds() * 1_000_000L;
        List<Step> steps = new ArrayList<>();
        if (call.answered()) {
            steps.add(new Step(answered, lc -> answer(lc, answered)));
            if (flow.holdAfterSeconds() >= 0) {
                long hold = answered + flow.holdAfterSeconds() * 1_000_000L;
                long unhold = hold + flow.holdSeconds() * 1_000_000L;
                steps.add(new Step(hold, lc -> hold(lc, hold)));
                steps.add(new Step(unhold, lc -> unhold(lc, unhold)));
            }
            if (flow.transferAfterSeconds() >= 0) {
                long transfer = answered + flow.transferAfterSeconds() * 1_000_000L;
                steps.add(new Step(transfer, lc -> transfer(lc, flow.transferTo(), transfer)));
            }
        }
        long end = SwitchClock.micros(call.end());
        steps.sort(Comparator.comparingLong(Step::at));
        LiveCall lc = ring(flow, created);
        for (Step step : steps) {
            step.action().accept(lc);
        }
        hangup(lc, call.hangupCause(), end);
    }

    LiveCall ring(CallFlow flow, long at) {
        LiveCall lc = new LiveCall(flow, at);
        if (calls.putIfAbsent(lc.call.uuid(), lc) != null) {
            throw new IllegalStateException("call " + lc.call.uuid() + " is already in progress");
        }
        EslEvent create = factory.channelCreate(lc.call, timeline(lc, 0), lc.bLeg);
        fire.accept(create);
        presence(lc, create, false, "progressing", "ringing");
        if (flow.bLegEvents()) {
            EslEvent bCreate = bLeg(lc, create);
            fire.accept(bCreate);
            presence(lc, bCreate, true, "alerting", "ringing");
        }
        return lc;
    }

    LiveCall live(String uuid) {
        LiveCall lc = calls.get(uuid);
        if (lc == null) {
            throw new IllegalArgumentException("no call " + uuid + " in progress");
        }
        return lc;
    }

    void answer(LiveCall lc, long at) {
        if (lc.answered != 0) {
            throw new IllegalStateException("call " + lc.call.uuid() + " is already answered");
        }
        lc.answered = at;
        EslEvent answer = factory.channelAnswer(lc.call, timeline(lc, 0), lc.bLeg);
        if (lc.flow.bLegEvents()) {
            EslEvent bAnswer = bLeg(lc, answer);
            fire.accept(bAnswer);
            fire.accept(answer);
            fire.accept(bridge(lc, captures.channelBridge(), at));
            presence(lc, bAnswer, true, "active", "answered");
        } else {
            fire.accept(answer);
        }
        presence(lc, answer, false, "active", "answered");
    }

    void hold(LiveCall lc, long at) {
        requireAnswered(lc);
        if (lc.heldSince != 0) {
            throw new IllegalStateException("call " + lc.call.uuid() + " is already on hold");
        }
        lc.heldSince = at;
        lc.lastHold = at;
        EslEvent e = holdEvent(lc, "CHANNEL_HOLD", "HELD", at);
        fire.accept(e);
        presence(lc, e, false, "held", "hold");
    }

    void unhold(LiveCall lc, long at) {
        requireAnswered(lc);
        if (lc.heldSince == 0) {
            throw new IllegalStateException("call " + lc.call.uuid() + " is not on hold");
        }
        lc.holdAccum += at - lc.heldSince;
        lc.heldSince = 0;
        EslEvent e = holdEvent(lc, "CHANNEL_UNHOLD", "ACTIVE", at);
        fire.accept(e);
        presence(lc, e, false, "active", "unhold");
    }

    /** A blind transfer of the caller: unbridged from its B leg (which hangs up), bridged to a new one. */
    void transfer(LiveCall lc, String to, long at) {
        requireAnswered(lc);
        if (!lc.flow.bLegEvents()) {
            throw new IllegalStateException("only a bridged call can be transferred");
        }
        fire.accept(bridge(lc, captures.channelUnbridge(), at));
        hangupBLeg(lc, HangupCause.NORMAL_CLEARING, at);
        lc.transfers++;
        lc.transferredAt = at;
        lc.transferHistory.add(at / 1_000_000 + ":" + lc.call.uuid() + ":bl_xfer:" + to + "/" + lc.call.domain()
                + "/XML");
        lc.call = lc.call.withDestinationNumber(to);
        lc.bLeg = UUID.nameUUIDFromBytes((lc.call.uuid() + "/b-leg/" + lc.transfers)
                .getBytes(StandardCharsets.UTF_8)).toString();
        EslEvent create = transferred(lc, factory.channelCreate(lc.call, timeline(lc, 0), lc.bLeg));
        EslEvent bCreate = bLeg(lc, create);
        bCreate.set("Caller-Channel-Created-Time", Long.toString(at));
        clock.stamp(bCreate, "", at);
        fire.accept(bCreate);
        presence(lc, bCreate, true, "alerting", "ringing");
        EslEvent bAnswer = bLeg(lc, transferred(lc, factory.channelAnswer(lc.call, timeline(lc, 0), lc.bLeg)));
        clock.stamp(bAnswer, "", at);
        fire.accept(bAnswer);
        fire.accept(bridge(lc, captures.channelBridge(), at));
        presence(lc, bAnswer, true, "active", "answered");
    }

    void hangup(LiveCall lc, String cause, long at) {
        if (lc.heldSince != 0) {
            lc.holdAccum += at - lc.heldSince;
            lc.heldSince = 0;
        }
        HangupCause hangupCause = HangupCause.of(cause);
        boolean answered = lc.answered != 0;
        SimulatedCall cdrCall = lc.call.withHangupCause(hangupCause.name())
                .withBillsec(answered ? (int) Math.max(1, (at - lc.answered) / 1_000_000) : 0)
                .withStart(SwitchClock.instant(lc.created));
        Timeline t = timeline(lc, at);
        if (lc.flow.bLegEvents()) {
            if (answered) {
                fire.accept(bridge(lc, captures.channelUnbridge(), at));
            }
            hangupBLeg(lc, hangupCause, at);
        }
        EslEvent complete = transferred(lc, factory.channelHangupComplete(cdrCall, t, lc.bLeg));
        holdVariables(complete, lc);
        fire.accept(complete);
        presence(lc, complete, false, "idle", "hangup");
        calls.remove(lc.call.uuid());
    }

    private void hangupBLeg(LiveCall lc, HangupCause cause, long at) {
        boolean answered = lc.answered != 0;
        long bAnswered = answered ? Math.max(lc.answered, lc.transferredAt) : 0;
        SimulatedCall cdrCall = lc.call.withHangupCause(cause.name())
                .withBillsec(answered ? (int) Math.max(1, (at - bAnswered) / 1_000_000) : 0)
                .withStart(SwitchClock.instant(lc.created));
        long bCreated = lc.transferredAt != 0 ? lc.transferredAt : lc.created;
        Timeline t = new Timeline(bCreated, bCreated, bAnswered, bAnswered, at);
        EslEvent bComplete = bLeg(lc, factory.channelHangupComplete(cdrCall, t, lc.bLeg));
        if (answered) {
            bComplete.set("variable_bridge_uuid", lc.call.uuid());
        }
        fire.accept(bComplete);
        presence(lc, bComplete, true, "idle", "hangup");
    }

    private EslEvent holdEvent(LiveCall lc, String name, String callState, long at) {
        EslEvent e = transferred(lc, factory.channelAnswer(lc.call, timeline(lc, 0), lc.bLeg));
        e.set("Event-Name", name);
        e.set("Event-Calling-File", "switch_channel.c");
        e.set("Event-Calling-Function", MARK_HOLD_FUNCTION);
        e.set("Event-Calling-Line-Number", "CHANNEL_HOLD".equals(name) ? "1431" : "1466");
        e.set("Channel-Call-State", callState);
        clock.stamp(e, "", at);
        holdVariables(e, lc);
        return e;
    }

    private static void holdVariables(EslEvent e, LiveCall lc) {
        e.setIfPresent("Caller-Channel-Last-Hold", Long.toString(lc.lastHold));
        e.setIfPresent("Caller-Channel-Hold-Accum", Long.toString(lc.holdAccum));
        if (e.has("variable_hold_accum_seconds")) {
            e.set("variable_hold_accum_seconds", Long.toString(lc.holdAccum / 1_000_000));
            e.set("variable_hold_accum_ms", Long.toString(lc.holdAccum / 1_000));
            e.set("variable_hold_accum_usec", Long.toString(lc.holdAccum));
            e.set("variable_last_hold_epoch", Long.toString(lc.lastHold / 1_000_000));
            e.set("variable_last_hold_uepoch", Long.toString(lc.lastHold));
        }
    }

    /** CHANNEL_BRIDGE or CHANNEL_UNBRIDGE of the A leg with its current B leg. */
    private EslEvent bridge(LiveCall lc, EslEvent capture, long at) {
        factory.fillCall(capture, lc.call, lc.bLeg);
        capture.set("Bridge-A-Unique-ID", lc.call.uuid());
        capture.set("Bridge-B-Unique-ID", lc.bLeg);
        capture.setIfPresent("Other-Leg-Unique-ID", lc.bLeg);
        capture.set("Answer-State", "answered");
        clock.stamp(capture, "", at);
        factory.callerTimes(capture, lc.created, lc.created, lc.answered, lc.answered, 0);
        return transferred(lc, capture);
    }

    /** The variables a transfer leaves on the A leg. */
    private static EslEvent transferred(LiveCall lc, EslEvent e) {
        if (lc.transfers > 0) {
            e.setIfPresent("Caller-Channel-Transfer-Time", Long.toString(lc.transferredAt));
            e.set("variable_transfer_history", lc.transferHistory.size() == 1
                    ? lc.transferHistory.get(0)
                    : EslEvent.arrayValue(lc.transferHistory.toArray(String[]::new)));
        }
        return e;
    }

    /** The same moment seen from the B leg: its own UUID and channel, outbound, bridged back to the A leg. */
    private static EslEvent bLeg(LiveCall lc, EslEvent aEvent) {
        String a = lc.call.uuid();
        String b = lc.bLeg;
        EslEvent e = aEvent.copy();
        String swap = "\u0000";
        e.mapValues(v -> v.replace(a, swap).replace(b, a).replace(swap, b));
        e.setIfPresent("Channel-Call-UUID", a);
        e.setIfPresent("variable_call_uuid", a);
        for (String name : new String[]{"Call-Direction", "Presence-Call-Direction", "Caller-Direction",
                "variable_direction"}) {
            e.setIfPresent(name, "outbound");
        }
        String aChannel = aEvent.get("Channel-Name").orElse("");
        String bChannel = bChannelName(lc.call);
        for (String name : new String[]{"Channel-Name", "Caller-Channel-Name", "variable_channel_name"}) {
            e.setIfPresent(name, bChannel);
        }
        e.setIfPresent("Other-Leg-Channel-Name", aChannel);
        e.setIfPresent("variable_bridge_channel", aChannel);
        e.setIfPresent("Other-Type", "originator");
        String presenceId = lc.call.destinationNumber() + "@" + lc.call.domain();
        e.setIfPresent("Channel-Presence-ID", presenceId);
        e.setIfPresent("variable_presence_id", presenceId);
        return e;
    }

    static String bChannelName(SimulatedCall call) {
        return SimulatedCall.OUTBOUND.equals(call.direction())
                ? "sofia/gateway/default/" + call.destinationNumber()
                : "sofia/internal/" + call.destinationNumber() + "@" + call.domain();
    }

    /**
     * PRESENCE_IN as switch_channel_perform_presence fires it: the channel's data plus the presence headers. No
     * presence for a gateway leg (the caller of an inbound call, the callee of an outbound one): no extension there.
     */
    private void presence(LiveCall lc, EslEvent channelEvent, boolean bLeg, String callInfoState, String status) {
        boolean gatewayLeg = bLeg
                ? SimulatedCall.OUTBOUND.equals(lc.call.direction())
                : SimulatedCall.INBOUND.equals(lc.call.direction());
        if (!lc.flow.presenceEvents() || gatewayLeg) {
            return;
        }
        EslEvent e = channelEvent.copy();
        e.set("Event-Name", "PRESENCE_IN");
        e.set("Event-Calling-File", "switch_channel.c");
        e.set("Event-Calling-Function", "switch_channel_perform_presence");
        e.set("Event-Calling-Line-Number", "779");
        // the presence headers go right after the channel's identity, before the caller profile and variables
        String from = e.get("Channel-Presence-ID").orElse(lc.call.callerIdNumber() + "@" + lc.call.domain());
        int count = bLeg ? lc.bPresenceCount++ : lc.aPresenceCount++;
        String anchor = e.has("Channel-Call-UUID") ? "Channel-Call-UUID" : "Unique-ID";
        String[][] headers = {{"proto", "any"}, {"login", "switch_channel.c"}, {"from", from}, {"rpid", "unknown"},
                {"status", status}, {"event_type", "presence"}, {"alt_event_type", "dialog"},
                {"event_count", Integer.toString(count)}, {"presence-call-info-state", callInfoState},
                {"presence-call-direction", bLeg ? "outbound" : "inbound"},
                {"Presence-Calling-File", "switch_channel.c"},
                {"Presence-Calling-Function", "switch_channel_perform_presence"},
                {"Presence-Calling-Line", "779"}};
        for (int i = headers.length - 1; i >= 0; i--) {
            e.insertAfter(anchor, headers[i][0], headers[i][1]);
        }
        fire.accept(e);
    }

    private Timeline timeline(LiveCall lc, long hangup) {
        return new Timeline(lc.created, lc.created, lc.answered, lc.answered, hangup);
    }

    private static void requireAnswered(LiveCall lc) {
        if (lc.answered == 0) {
            throw new IllegalStateException("call " + lc.call.uuid() + " is not answered");
        }
    }

    private record Step(long at, Consumer<LiveCall> action) {
    }

    /** A call between ring and hangup. */
    static final class LiveCall {

        final CallFlow flow;
        final long created;
        final List<String> transferHistory = new ArrayList<>();
        SimulatedCall call;
        String bLeg;
        long answered;
        long heldSince;
        long lastHold;
        long holdAccum;
        long transferredAt;
        int transfers;
        int aPresenceCount;
        int bPresenceCount;

        LiveCall(CallFlow flow, long created) {
            this.flow = flow;
            this.created = created;
            this.call = flow.call().withStart(SwitchClock.instant(created));
            this.bLeg = CallEventFactory.bLegUuid(call);
        }
    }
}
