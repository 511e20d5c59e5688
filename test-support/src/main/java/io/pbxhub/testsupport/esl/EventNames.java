package io.pbxhub.testsupport.esl;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The event type names FreeSWITCH knows (EVENT_NAMES in switch_event.c), looked up as switch_name_event does. */
final class EventNames {

    static final String CUSTOM = "CUSTOM";
    static final String ALL = "ALL";

    private static final List<String> NAMES = List.of("CUSTOM", "CLONE", "CHANNEL_CREATE", "CHANNEL_DESTROY",
            "CHANNEL_STATE", "CHANNEL_CALLSTATE", "CHANNEL_ANSWER", "CHANNEL_HANGUP", "CHANNEL_HANGUP_COMPLETE",
            "CHANNEL_EXECUTE", "CHANNEL_EXECUTE_COMPLETE", "CHANNEL_HOLD", "CHANNEL_UNHOLD", "CHANNEL_BRIDGE",
            "CHANNEL_UNBRIDGE", "CHANNEL_PROGRESS", "CHANNEL_PROGRESS_MEDIA", "CHANNEL_OUTGOING", "CHANNEL_PARK",
            "CHANNEL_UNPARK", "CHANNEL_APPLICATION", "CHANNEL_ORIGINATE", "CHANNEL_UUID", "API", "LOG", "INBOUND_CHAN",
            "OUTBOUND_CHAN", "STARTUP", "SHUTDOWN", "PUBLISH", "UNPUBLISH", "TALK", "NOTALK", "SESSION_CRASH",
            "MODULE_LOAD", "MODULE_UNLOAD", "DTMF", "MESSAGE", "PRESENCE_IN", "NOTIFY_IN", "PRESENCE_OUT",
            "PRESENCE_PROBE", "MESSAGE_WAITING", "MESSAGE_QUERY", "ROSTER", "CODEC", "BACKGROUND_JOB",
            "DETECTED_SPEECH", "DETECTED_TONE", "PRIVATE_COMMAND", "HEARTBEAT", "TRAP", "ADD_SCHEDULE", "DEL_SCHEDULE",
            "EXE_SCHEDULE", "RE_SCHEDULE", "RELOADXML", "NOTIFY", "PHONE_FEATURE", "PHONE_FEATURE_SUBSCRIBE",
            "SEND_MESSAGE", "RECV_MESSAGE", "REQUEST_PARAMS", "CHANNEL_DATA", "GENERAL", "COMMAND", "SESSION_HEARTBEAT",
            "CLIENT_DISCONNECTED", "SERVER_DISCONNECTED", "SEND_INFO", "RECV_INFO", "RECV_RTCP_MESSAGE",
            "SEND_RTCP_MESSAGE", "CALL_SECURE", "NAT", "RECORD_START", "RECORD_STOP", "PLAYBACK_START",
            "PLAYBACK_STOP", "CALL_UPDATE", "FAILURE", "SOCKET_DATA", "MEDIA_BUG_START", "MEDIA_BUG_STOP",
            "CONFERENCE_DATA_QUERY", "CONFERENCE_DATA", "CALL_SETUP_REQ", "CALL_SETUP_RESULT", "CALL_DETAIL",
            "DEVICE_STATE", "TEXT", "SHUTDOWN_REQUESTED", ALL);

    /** The prefix switch_name_event skips ({@code SWITCH_EVENT_CHANNEL_CREATE} names CHANNEL_CREATE too). */
    private static final int PREFIX_LENGTH = "SWITCH_EVENT_".length();

    private static final Set<String> ALL_BUT_ALL = NAMES.stream().filter(n -> !ALL.equals(n))
            .collect(Collectors.toUnmodifiableSet());

    private EventNames() {
    }

    /** The canonical name for a word a client sent, matched case-insensitively; empty for an unknown word. */
    static Optional<String> lookup(String word) {
        for (String name : NAMES) {
            if (word.equalsIgnoreCase(name)
                    || word.length() > PREFIX_LENGTH && word.substring(PREFIX_LENGTH).equalsIgnoreCase(name)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    /** Every event type but ALL itself: what a listener of ALL holds once one event is nixed. */
    static Set<String> allButAll() {
        return ALL_BUT_ALL;
    }
}
