package io.pbxhub.esl.call;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Singleton;

import io.pbxhub.contracts.Direction;
import io.pbxhub.contracts.RawCdr;
import io.pbxhub.esl.connection.EslInstance;
import io.pbxhub.esl.protocol.EslEvent;

import static io.pbxhub.esl.call.ChannelFields.first;
import static io.pbxhub.esl.call.ChannelFields.text;

/**
 * Builds the {@link RawCdr} of one finished leg from its CHANNEL_HANGUP_COMPLETE, which carries the same CDR variables
 * mod_xml_cdr writes (start/answer/end epochs, duration, billsec, hangup cause...).
 */
@Singleton
public class RawCdrBuilder {

    public static final String HANGUP_COMPLETE = "CHANNEL_HANGUP_COMPLETE";

    /** Null when the event is not a hangup-complete or has no channel UUID (nothing to key the CDR on). */
    public RawCdr build(EslInstance instance, EslEvent event) {
        String cdrUuid = first(event, "Unique-ID", "variable_uuid");
        if (!HANGUP_COMPLETE.equals(event.name()) || cdrUuid == null) {
            return null;
        }
        Instant start = ChannelFields.epochTime(event, "start");
        Instant answer = ChannelFields.epochTime(event, "answer");
        Instant end = ChannelFields.epochTime(event, "end");
        Direction direction = ChannelFields.direction(event);
        boolean bLeg = isBLeg(event, cdrUuid);
        Long q850 = ChannelFields.number(event, "variable_hangup_cause_q850");
        return new RawCdr(
                cdrUuid,
                instance.instanceId(),
                instance.tenantId(),
                RawCdr.Source.ESL,
                bLeg ? RawCdr.Leg.B : RawCdr.Leg.A,
                direction,
                first(event, "variable_caller_id_name", "Caller-Caller-ID-Name"),
                first(event, "variable_caller_id_number", "Caller-Caller-ID-Number"),
                first(event, "variable_destination_number", "Caller-Destination-Number"),
                ChannelFields.domain(event),
                extension(event, direction, bLeg),
                start,
                answer,
                end,
                seconds(event, "variable_duration", start, end),
                seconds(event, "variable_billsec", answer, end),
                first(event, "variable_hangup_cause", "Hangup-Cause"),
                q850 == null ? null : q850.intValue(),
                first(event, "variable_bridge_uuid", "variable_last_bridge_to"),
                first(event, "Channel-Call-UUID", "variable_call_uuid"),
                text(event, "Core-UUID"),
                ChannelFields.number(event, "Event-Sequence"));
    }

    /**
     * A B leg is a channel some other channel originated: FreeSWITCH marks it with an originator caller profile
     * ({@code Other-Type: originator}), {@code originating_leg_uuid}, or the bridge role {@code originatee}.
     */
    static boolean isBLeg(EslEvent event, String uuid) {
        if ("originator".equals(text(event, "Other-Type"))) {
            return true;
        }
        String originating = text(event, "variable_originating_leg_uuid");
        if (originating != null && !originating.equals(uuid)) {
            return true;
        }
        return "originatee".equals(text(event, "variable_last_bridge_role"));
    }

    /**
     * The local extension of the leg. The called side for an inbound call's legs and for the B leg of a local call (the
     * leg that rang that extension): FusionPBX's {@code dialed_extension}, FreeSWITCH's {@code dialed_user}, else the
     * destination. The registered caller ({@code user_name}) for an outbound call and a local call's A leg.
     */
    private static String extension(EslEvent event, Direction direction, boolean bLeg) {
        boolean calledSide = direction == Direction.INBOUND || bLeg && direction == Direction.LOCAL;
        return calledSide
                ? first(event, "variable_dialed_extension", "variable_dialed_user", "variable_destination_number",
                        "Caller-Destination-Number")
                : first(event, "variable_user_name", "variable_dialed_extension");
    }

    /** FreeSWITCH's own count when present (it truncates per timestamp), else computed from the times. */
    private static long seconds(EslEvent event, String variable, Instant from, Instant to) {
        Long given = ChannelFields.number(event, variable);
        if (given != null && given >= 0) {
            return given;
        }
        return from != null && to != null && to.isAfter(from) ? Duration.between(from, to).toSeconds() : 0;
    }
}
