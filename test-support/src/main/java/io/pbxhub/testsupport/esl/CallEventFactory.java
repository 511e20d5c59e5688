package io.pbxhub.testsupport.esl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Builds the events of one simulated call from the real captures: CHANNEL_CREATE, CHANNEL_ANSWER (answered calls
 * only) and CHANNEL_HANGUP_COMPLETE of the caller's leg (the A leg, Call-Direction inbound as FreeSWITCH sees a phone
 * calling in; FusionPBX's direction travels in {@code variable_call_direction}).
 *
 * <p>
 * Every value that identifies the captured call (its UUIDs, Core-UUID, numbers, names, domain, times) is replaced, so
 * no
 * two calls share an identifier and every time agrees with the call's timeline. Event-Sequence is set when fired.
 */
final class CallEventFactory {

    /** Where FreeSWITCH 1.10 fires CHANNEL_HANGUP_COMPLETE (switch_core_state_machine.c). */
    private static final String REPORTING_FILE = "switch_core_state_machine.c";
    private static final String REPORTING_FUNCTION = "switch_core_session_reporting_state";
    private static final String REPORTING_LINE = "947";

    /** Ringing (180) this long after the INVITE, or at once when the call rings for less. */
    private static final long PROGRESS_AFTER_MICROS = 100_000;

    private static final String[] CALLER_NUMBER_HEADERS = {"Caller-Caller-ID-Number", "Caller-ANI", "Caller-Username",
            "Other-Leg-Caller-ID-Number", "Other-Leg-Username", "Other-Leg-ANI", "variable_sip_from_user",
            "variable_sip_from_user_stripped", "variable_user_name", "variable_sip_auth_username",
            "variable_number_alias", "variable_sip_number_alias", "variable_accountcode",
            "variable_effective_caller_id_number", "variable_sip_contact_user"};
    private static final String[] CALLER_NAME_HEADERS = {"Caller-Caller-ID-Name", "Other-Leg-Caller-ID-Name",
            "variable_effective_caller_id_name", "variable_sip_from_display"};
    private static final String[] DESTINATION_HEADERS = {"Caller-Destination-Number", "Caller-Callee-ID-Number",
            "Other-Leg-Callee-ID-Number", "Other-Leg-Destination-Number", "variable_sip_req_user",
            "variable_sip_to_user", "variable_dialed_user", "variable_last_sent_callee_id_number"};
    private static final String[] DOMAIN_HEADERS = {"variable_domain_name", "variable_requested_domain_name",
            "variable_dialed_domain", "variable_sip_invite_domain", "variable_sip_from_host", "variable_sip_to_host",
            "variable_sip_req_host", "variable_sip_auth_realm"};
    private static final String[] DIRECTION_HEADERS = {"Call-Direction", "Presence-Call-Direction",
            "Caller-Direction", "variable_direction"};
    private static final String[] PROFILE_HEADERS = {"variable_sip_profile_name", "variable_sofia_profile_name",
            "variable_recovery_profile_name"};

    /** What the captured CHANNEL_CREATE carries only because it is the outbound (B) leg of a bridge. */
    private static final Set<String> B_LEG_ONLY = Set.of("variable_is_outbound", "variable_originator",
            "variable_originator_codec", "variable_signal_bond", "variable_origination_uuid",
            "variable_originating_leg_uuid", "variable_origination_caller_id_name",
            "variable_origination_caller_id_number", "variable_ignore_early_media", "variable_call_timeout",
            "variable_originate_early_media", "variable_sip_destination_url", "variable_dialed_user",
            "variable_dialed_domain", "variable_sip_invite_domain", "variable_switch_m_sdp",
            "variable_absolute_codec_string", "variable_rtp_use_codec_string", "variable_local_media_ip",
            "variable_local_media_port", "variable_advertised_media_ip", "variable_rtp_local_sdp_str",
            "variable_sip_outgoing_contact_uri");

    /** What the captured CHANNEL_HANGUP carries only because its call was bridged. */
    private static final Set<String> BRIDGE_ONLY = Set.of("variable_bridge_to", "variable_last_bridge_to",
            "variable_bridge_channel", "variable_bridge_uuid", "variable_signal_bond",
            "variable_last_sent_callee_id_name", "variable_last_sent_callee_id_number", "variable_last_bridge_role",
            "variable_originated_legs", "variable_DIALSTATUS", "variable_endpoint_disposition");

    private final EventCaptures captures;
    private final SwitchClock clock;
    private final String coreUuid;

    CallEventFactory(EventCaptures captures, SwitchClock clock, String coreUuid) {
        this.captures = captures;
        this.clock = clock;
        this.coreUuid = coreUuid;
    }

    List<EslEvent> eventsFor(SimulatedCall call) {
        Timeline t = Timeline.of(call);
        String bLeg = bLegUuid(call);
        List<EslEvent> events = new ArrayList<>(3);
        events.add(channelCreate(call, t, bLeg));
        if (call.answered()) {
            events.add(channelAnswer(call, t, bLeg));
        }
        events.add(channelHangupComplete(call, t, bLeg));
        return events;
    }

    /** The B leg that FreeSWITCH would originate for this call; derived so that replaying a call gives equal events. */
    static String bLegUuid(SimulatedCall call) {
        return UUID.nameUUIDFromBytes((call.uuid() + "/b-leg").getBytes(StandardCharsets.UTF_8)).toString();
    }

    EslEvent channelCreate(SimulatedCall call, Timeline t, String bLeg) {
        EslEvent e = captures.channelCreate();
        // the captured create is the B leg: drop what only the outbound leg of a bridge has
        e.removeIf(name -> name.startsWith("Other-") || name.startsWith("Caller-Callee-ID-")
                || B_LEG_ONLY.contains(name));
        e.set("variable_sip_from_user", call.callerIdNumber());
        e.set("variable_sip_req_user", call.destinationNumber());
        e.set("variable_sip_to_user", call.destinationNumber());
        fillCall(e, call, bLeg);
        e.set("Answer-State", "ringing");
        e.set("Channel-Call-State", "DOWN");
        clock.stamp(e, "", t.created());
        callerTimes(e, t.created(), 0, 0, 0, 0);
        return e;
    }

    EslEvent channelAnswer(SimulatedCall call, Timeline t, String bLeg) {
        EslEvent e = captures.channelAnswer();
        fillCall(e, call, bLeg);
        e.insertAfter("variable_domain_name", "variable_call_direction", call.direction());
        e.set("Answer-State", "answered");
        // FreeSWITCH moves the call state to ACTIVE just after firing CHANNEL_ANSWER, so it still reads the state
        // before (the capture shows EARLY for its early-media call; ours only rang)
        e.set("Channel-Call-State", "RINGING");
        clock.stamp(e, "", t.answered());
        callerTimes(e, t.created(), t.progress(), t.answered(), 0, 0);
        return e;
    }

    EslEvent channelHangupComplete(SimulatedCall call, Timeline t, String bLeg) {
        HangupCause cause = HangupCause.of(call.hangupCause());
        EslEvent e = captures.channelHangup();
        e.set("Event-Name", "CHANNEL_HANGUP_COMPLETE");
        e.set("Event-Calling-File", REPORTING_FILE);
        e.set("Event-Calling-Function", REPORTING_FUNCTION);
        e.set("Event-Calling-Line-Number", REPORTING_LINE);
        // real CHANNEL_HANGUP_COMPLETE events carry Hangup-Cause twice: here and after Answer-State
        e.insertAfter("Event-Sequence", "Hangup-Cause", cause.name());
        e.set("Hangup-Cause", cause.name());
        e.set("Channel-State", "CS_REPORTING");
        e.set("Channel-Call-State", "HANGUP");
        e.set("Channel-State-Number", "11");
        e.set("Answer-State", "hangup");
        if (!call.answered()) {
            e.removeIf(BRIDGE_ONLY::contains);
        }
        fillCall(e, call, bLeg);
        bridgeOutcome(e, call, cause, bLeg);
        clock.stamp(e, "", t.hangup());
        callerTimes(e, t.created(), t.progress(), t.answered(), t.bridged(), t.hangup());
        e.insertAfter("variable_domain_name", "variable_call_direction", call.direction());
        appendCdrVariables(e, call, cause, t);
        return e;
    }

    /** Identity, parties, domain and direction of the call, wherever the capture has such a header. */
    void fillCall(EslEvent e, SimulatedCall call, String bLeg) {
        String captureA = e.get("Unique-ID").orElseThrow();
        String captureCore = e.get("Core-UUID").orElseThrow();
        String captureB = e.get("Other-Leg-Unique-ID").or(() -> e.get("variable_bridge_uuid")).orElse(captureA);
        e.mapValues(v -> v.replace(captureA, call.uuid()).replace(captureB, bLeg).replace(captureCore, coreUuid));
        for (String name : new String[]{"Unique-ID", "Caller-Unique-ID", "variable_uuid", "Channel-Call-UUID",
                "variable_call_uuid"}) {
            e.setIfPresent(name, call.uuid());
        }
        e.set("Core-UUID", coreUuid);
        for (String name : DIRECTION_HEADERS) {
            e.setIfPresent(name, "inbound");
        }
        setAll(e, CALLER_NUMBER_HEADERS, call.callerIdNumber());
        setAll(e, CALLER_NAME_HEADERS, call.callerIdName());
        setAll(e, DESTINATION_HEADERS, call.destinationNumber());
        setAll(e, DOMAIN_HEADERS, call.domain());

        String profile = SimulatedCall.INBOUND.equals(call.direction()) ? "external" : "internal";
        setAll(e, PROFILE_HEADERS, profile);
        String callerAor = call.callerIdNumber() + "@" + call.domain();
        String destinationAor = call.destinationNumber() + "@" + call.domain();
        String channelName = "sofia/" + profile + "/" + callerAor;
        for (String name : new String[]{"Channel-Name", "Caller-Channel-Name", "variable_channel_name"}) {
            e.setIfPresent(name, channelName);
        }
        String bLegChannel = "sofia/" + (SimulatedCall.OUTBOUND.equals(call.direction()) ? "external" : "internal")
                + "/" + destinationAor;
        e.setIfPresent("Other-Leg-Channel-Name", bLegChannel);
        e.setIfPresent("variable_bridge_channel", bLegChannel);
        e.setIfPresent("Channel-Presence-ID", callerAor);
        e.setIfPresent("variable_presence_id", callerAor);
        e.setIfPresent("variable_sip_from_uri", callerAor);
        e.setIfPresent("variable_sip_to_uri", destinationAor);
        e.setIfPresent("variable_sip_req_uri", destinationAor);
        String fromTag = e.get("variable_sip_from_tag").map(tag -> ";tag=" + tag).orElse("");
        String toTag = e.get("variable_sip_to_tag").map(tag -> ";tag=" + tag).orElse("");
        e.setIfPresent("variable_sip_full_from",
                "\"" + call.callerIdName() + "\" <sip:" + callerAor + ">" + fromTag);
        e.setIfPresent("variable_sip_full_to", "<sip:" + destinationAor + ">" + toTag);
        e.setIfPresent("variable_DP_MATCH", EslEvent.arrayValue(call.destinationNumber(), call.destinationNumber()));
        e.setIfPresent("variable_current_application_data", bridgeTarget(call));
        // one SIP dialog per call, as the capture's Call-ID would otherwise be shared by every simulated call
        e.setIfPresent("variable_sip_call_id", call.uuid().replace("-", ""));
    }

    private void bridgeOutcome(EslEvent e, SimulatedCall call, HangupCause cause, String bLeg) {
        String legCause = call.answered() ? "NONE" : cause.name();
        e.setIfPresent("variable_originate_causes",
                EslEvent.arrayValue(bLeg + ";" + legCause, bLeg + ";" + legCause));
        e.setIfPresent("variable_originate_disposition", call.answered() ? "SUCCESS" : cause.name());
        e.setIfPresent("variable_originated_legs",
                EslEvent.arrayValue(bLeg + ";Outbound Call;" + call.destinationNumber(),
                        bLeg + ";Outbound Call;" + call.destinationNumber()));
        e.setIfPresent("variable_sip_term_status", Integer.toString(cause.sipStatus()));
        e.setIfPresent("variable_proto_specific_hangup_cause", "sip:" + cause.sipStatus());
        e.setIfPresent("variable_sip_term_cause", Integer.toString(cause.q850()));
    }

    /** The caller profile and other-leg times (µs, 0 when unset) and the REQUEST_PARAMS copy taken at call start. */
    void callerTimes(EslEvent e, long created, long progress, long answered, long bridged, long hangup) {
        e.setIfPresent("Caller-Profile-Created-Time", Long.toString(created));
        e.setIfPresent("Caller-Channel-Created-Time", Long.toString(created));
        e.setIfPresent("Caller-Channel-Answered-Time", Long.toString(answered));
        e.setIfPresent("Caller-Channel-Progress-Time", Long.toString(progress));
        e.setIfPresent("Caller-Channel-Progress-Media-Time", "0");
        e.setIfPresent("Caller-Channel-Hangup-Time", Long.toString(hangup));
        e.setIfPresent("Caller-Channel-Transfer-Time", "0");
        e.setIfPresent("Caller-Channel-Resurrect-Time", "0");
        e.setIfPresent("Caller-Channel-Bridged-Time", Long.toString(bridged));
        e.setIfPresent("Caller-Channel-Last-Hold", "0");
        e.setIfPresent("Caller-Channel-Hold-Accum", "0");
        e.setIfPresent("Other-Leg-Profile-Created-Time", Long.toString(created));
        e.setIfPresent("Other-Leg-Channel-Created-Time", Long.toString(created));
        e.setIfPresent("Other-Leg-Channel-Answered-Time", Long.toString(answered));
        e.setIfPresent("Other-Leg-Channel-Progress-Time", Long.toString(progress));
        e.setIfPresent("Other-Leg-Channel-Progress-Media-Time", "0");
        e.setIfPresent("Other-Leg-Channel-Hangup-Time", "0");
        e.setIfPresent("Other-Leg-Channel-Transfer-Time", "0");
        e.setIfPresent("Other-Leg-Channel-Resurrect-Time", "0");
        e.setIfPresent("Other-Leg-Channel-Bridged-Time", "0");
        e.setIfPresent("Other-Leg-Channel-Last-Hold", "0");
        e.setIfPresent("Other-Leg-Channel-Hold-Accum", "0");
        clock.stamp(e, "variable_", created);
    }

    /**
     * The variables switch_channel_set_timestamps and the hangup path add before CHANNEL_HANGUP_COMPLETE: seconds are
     * differences of truncated epoch seconds, milli and micro variants of the exact times, 0 for what never happened,
     * stamps only for what did.
     */
    private void appendCdrVariables(EslEvent e, SimulatedCall call, HangupCause cause, Timeline t) {
        e.set("variable_destination_number", call.destinationNumber());
        e.set("variable_caller_id_name", call.callerIdName());
        e.set("variable_caller_id_number", call.callerIdNumber());
        e.set("variable_hangup_cause", cause.name());
        e.set("variable_hangup_cause_q850", Integer.toString(cause.q850()));
        e.set("variable_digits_dialed", "none");
        stamp(e, "start", t.created());
        stamp(e, "profile_start", t.created());
        stamp(e, "answer", t.answered());
        stamp(e, "bridge", t.bridged());
        stamp(e, "progress", t.progress());
        stamp(e, "end", t.hangup());
        epochs(e, "start", t.created());
        epochs(e, "profile_start", t.created());
        epochs(e, "answer", t.answered());
        epochs(e, "bridge", t.bridged());
        epochs(e, "last_hold", 0);
        e.set("variable_hold_accum_seconds", "0");
        e.set("variable_hold_accum_usec", "0");
        e.set("variable_hold_accum_ms", "0");
        epochs(e, "resurrect", 0);
        epochs(e, "progress", t.progress());
        epochs(e, "progress_media", 0);
        epochs(e, "end", t.hangup());
        e.set("variable_last_app", "bridge");
        e.set("variable_last_arg", bridgeTarget(call));
        e.set("variable_caller_id", "\"" + call.callerIdName() + "\" <" + call.callerIdNumber() + ">");
        for (Unit unit : Unit.values()) {
            durations(e, unit, t);
        }
        e.set("variable_sip_hangup_disposition", cause.sipDisposition());
    }

    private void durations(EslEvent e, Unit unit, Timeline t) {
        e.set("variable_" + unit.name("duration"), between(unit, t.created(), t.hangup()));
        e.set("variable_" + unit.name("billsec"), between(unit, t.answered(), t.hangup()));
        e.set("variable_" + unit.name("progresssec"), between(unit, t.created(), t.progress()));
        e.set("variable_" + unit.name("answersec"), between(unit, t.created(), t.answered()));
        e.set("variable_" + unit.name("waitsec"), between(unit, t.created(), t.bridged()));
        e.set("variable_" + unit.name("progress_mediasec"), "0");
        e.set("variable_" + unit.name("flow_billsec"), between(unit, t.created(), t.hangup()));
    }

    /** Both moments truncated to the unit, then subtracted, as FreeSWITCH does; 0 when either never happened. */
    private static String between(Unit unit, long fromMicros, long toMicros) {
        return fromMicros == 0 || toMicros == 0 ? "0" : Long.toString(unit.of(toMicros) - unit.of(fromMicros));
    }

    private void stamp(EslEvent e, String prefix, long micros) {
        if (micros != 0) {
            e.set("variable_" + prefix + "_stamp", clock.local(micros));
        }
    }

    private static void epochs(EslEvent e, String prefix, long micros) {
        e.set("variable_" + prefix + "_epoch", Long.toString(micros / 1_000_000));
        e.set("variable_" + prefix + "_uepoch", Long.toString(micros));
    }

    private static String bridgeTarget(SimulatedCall call) {
        if (SimulatedCall.OUTBOUND.equals(call.direction())) {
            return "sofia/gateway/default/" + call.destinationNumber();
        }
        return "user/" + call.destinationNumber() + "@" + call.domain();
    }

    private static void setAll(EslEvent e, String[] names, String value) {
        for (String name : names) {
            e.setIfPresent(name, value);
        }
    }

    /** The three precisions FreeSWITCH reports durations in: sec, msec, usec (e.g. billsec, billmsec, billusec). */
    private enum Unit {
        SECONDS(1_000_000),
        MILLIS(1_000),
        MICROS(1);

        private final long divisor;

        Unit(long divisor) {
            this.divisor = divisor;
        }

        long of(long micros) {
            return micros / divisor;
        }

        /** duration → duration/mduration/uduration; billsec → billsec/billmsec/billusec. */
        String name(String secondsName) {
            if ("duration".equals(secondsName)) {
                return switch (this) {
                    case SECONDS -> "duration";
                    case MILLIS -> "mduration";
                    case MICROS -> "uduration";
                };
            }
            String stem = secondsName.substring(0, secondsName.length() - "sec".length());
            return switch (this) {
                case SECONDS -> secondsName;
                case MILLIS -> stem + "msec";
                case MICROS -> stem + "usec";
            };
        }
    }

    /** The A leg's moments in epoch microseconds; 0 for what did not happen. */
    record Timeline(long created, long progress, long answered, long bridged, long hangup) {

        static Timeline of(SimulatedCall call) {
            return of(call, SwitchClock.micros(call.start()));
        }

        /** The call's timeline with its channel created at {@code created} (µs). */
        static Timeline of(SimulatedCall call, long created) {
            long ring = call.ringSeconds() * 1_000_000L;
            long progress = created + Math.min(PROGRESS_AFTER_MICROS, ring);
            if (call.answered()) {
                long answered = created + ring;
                return new Timeline(created, progress, answered, answered,
                        answered + call.billsec() * 1_000_000L);
            }
            return new Timeline(created, progress, 0, 0, created + ring);
        }
    }
}
