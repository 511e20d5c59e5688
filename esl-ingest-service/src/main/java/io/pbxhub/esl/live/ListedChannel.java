package io.pbxhub.esl.live;

import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import io.pbxhub.contracts.CallEvent;
import io.pbxhub.contracts.PresenceEvent;

/**
 * One row of FreeSWITCH's {@code show channels as json}: a channel in progress as the switch lists it (core db
 * columns: uuid, call_uuid, name, callstate, cid_num, dest, callee_num, context, presence_id, created_epoch...).
 */
record ListedChannel(String uuid, String callUuid, String name, String callState, String callerNumber,
        String callerName, String calleeNumber, String calleeName, String context, String presenceId,
        Instant created) {

    static ListedChannel of(JsonNode row) {
        String epoch = text(row, "created_epoch");
        Instant created = epoch != null && epoch.chars().allMatch(Character::isDigit) && epoch.length() < 12
                ? Instant.ofEpochSecond(Long.parseLong(epoch))
                : null;
        String callee = text(row, "callee_num");
        return new ListedChannel(text(row, "uuid"), text(row, "call_uuid"), text(row, "name"),
                text(row, "callstate"), text(row, "cid_num"), text(row, "cid_name"),
                callee != null ? callee : text(row, "dest"), text(row, "callee_name"), text(row, "context"),
                text(row, "presence_id"), created);
    }

    /** The live view's state for the channel's {@code callstate}; null for one that is hanging up. */
    CallEvent.State state() {
        return switch (callState == null ? "" : callState.toUpperCase(Locale.ROOT)) {
            case "EARLY" -> CallEvent.State.EARLY;
            case "ACTIVE", "UNHELD" -> CallEvent.State.ANSWERED;
            case "HELD" -> CallEvent.State.HELD;
            case "HANGUP" -> null;
            // DOWN, DIALING, RINGING, RING_WAIT: not answered yet
            default -> CallEvent.State.RINGING;
        };
    }

    /** The BLF state the channel gives its extension; null for one that is hanging up. */
    PresenceEvent.State presence() {
        CallEvent.State state = state();
        if (state == null) {
            return null;
        }
        return switch (state) {
            case ANSWERED -> PresenceEvent.State.BUSY;
            case HELD -> PresenceEvent.State.ON_HOLD;
            default -> PresenceEvent.State.RINGING;
        };
    }

    private static String text(JsonNode row, String column) {
        String value = row.path(column).asText("");
        return value.isEmpty() ? null : value;
    }
}
