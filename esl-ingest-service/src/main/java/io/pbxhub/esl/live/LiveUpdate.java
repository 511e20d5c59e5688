package io.pbxhub.esl.live;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One change on the live stream: a call leg ({@code type=call}) or an extension's BLF state ({@code presence}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LiveUpdate(String type, String tenantId, ActiveCall call, ExtensionPresence presence) {

    public static final String CALL = "call";
    public static final String PRESENCE = "presence";

    static LiveUpdate of(ActiveCall call) {
        return new LiveUpdate(CALL, call.tenantId(), call, null);
    }

    static LiveUpdate of(ExtensionPresence presence) {
        return new LiveUpdate(PRESENCE, presence.tenantId(), null, presence);
    }
}
