package io.pbxhub.instance.pbx3cx;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A 3CX call record as a client sends it, named after the 3CX CDR fields: history_id (historyid), call_id (callid),
 * from/to/final number, display name and type (from-no, from-dispname, from-type, ...), dial_number (dial-no),
 * started_at/answered_at/ended_at (time-start/-answered/-end), duration (talk seconds), reason_terminated.
 * Numbers are free text: 3CX writes extensions as {@code Ext.100}.
 */
public record Pbx3cxCallRequest(
        @NotNull @Positive Long pbx3cxHostId,
        @Size(max = 64) @Pattern(regexp = Pbx3cxCallRequest.ID, message = Pbx3cxCallRequest.ID_MESSAGE) String historyId,
        @NotBlank @Size(max = 64) @Pattern(regexp = Pbx3cxCallRequest.ID, message = Pbx3cxCallRequest.ID_MESSAGE) String callId,
        @Size(max = 64) @Pattern(regexp = Pbx3cxCallRequest.TEXT, message = Pbx3cxCallRequest.TEXT_MESSAGE) String fromNumber,
        @Size(max = 255) @Pattern(regexp = Pbx3cxCallRequest.TEXT, message = Pbx3cxCallRequest.TEXT_MESSAGE) String fromName,
        @Size(max = 32) @Pattern(regexp = Pbx3cxCallRequest.TEXT, message = Pbx3cxCallRequest.TEXT_MESSAGE) String fromType,
        @Size(max = 64) @Pattern(regexp = Pbx3cxCallRequest.TEXT, message = Pbx3cxCallRequest.TEXT_MESSAGE) String toNumber,
        @Size(max = 255) @Pattern(regexp = Pbx3cxCallRequest.TEXT, message = Pbx3cxCallRequest.TEXT_MESSAGE) String toName,
        @Size(max = 32) @Pattern(regexp = Pbx3cxCallRequest.TEXT, message = Pbx3cxCallRequest.TEXT_MESSAGE) String toType,
        @Size(max = 64) @Pattern(regexp = Pbx3cxCallRequest.TEXT, message = Pbx3cxCallRequest.TEXT_MESSAGE) String dialNumber,
        @Size(max = 64) @Pattern(regexp = Pbx3cxCallRequest.TEXT, message = Pbx3cxCallRequest.TEXT_MESSAGE) String finalNumber,
        @Size(max = 255) @Pattern(regexp = Pbx3cxCallRequest.TEXT, message = Pbx3cxCallRequest.TEXT_MESSAGE) String finalName,
        @Size(max = 32) @Pattern(regexp = Pbx3cxCallRequest.TEXT, message = Pbx3cxCallRequest.TEXT_MESSAGE) String finalType,
        @NotNull Instant startedAt,
        Instant answeredAt,
        Instant endedAt,
        @PositiveOrZero @Max(Pbx3cxCallRequest.MAX_DURATION) Integer duration,
        @Pattern(regexp = "(?i)inbound|outbound|internal", message = "must be inbound, outbound or internal") String direction,
        @Pattern(regexp = "(?i)answered|unanswered|busy|failed|voicemail", message = "must be answered, unanswered, busy, failed or voicemail") String status,
        @Size(max = 64) @Pattern(regexp = Pbx3cxCallRequest.TEXT, message = Pbx3cxCallRequest.TEXT_MESSAGE) String reasonTerminated,
        @Size(max = 2048) @Pattern(regexp = "https?://[^\\s\\p{Cntrl}]+", message = "must be an http(s) URL") String recordingUrl) {

    static final String ID = "[A-Za-z0-9._:@-]+";
    static final String ID_MESSAGE = "letters, digits, '.', '_', ':', '@' or '-' only";
    static final String TEXT = "[^\\p{Cntrl}]*";
    static final String TEXT_MESSAGE = "must not contain control characters";
    /** A week: no call lasts longer; a larger value is a unit mistake (milliseconds). */
    static final int MAX_DURATION = 604800;

    static Pbx3cxCallRequest of(Pbx3cxCall c) {
        return new Pbx3cxCallRequest(c.pbx3cxHostId, c.historyId, c.callId, c.fromNumber, c.fromName, c.fromType,
                c.toNumber, c.toName, c.toType, c.dialNumber, c.finalNumber, c.finalName, c.finalType, c.startedAt,
                c.answeredAt, c.endedAt, c.duration, c.direction, c.status, c.reasonTerminated, c.recordingUrl);
    }
}
