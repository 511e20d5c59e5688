package io.pbxhub.testsupport.esl;

import java.util.Arrays;
import java.util.Locale;

/**
 * Hangup causes a simulated call can end with: the Q.850 code FreeSWITCH puts in {@code hangup_cause_q850}
 * (switch_types.h, ORIGINATOR_CANCEL is FreeSWITCH's own 487), the SIP status of the caller's leg and its
 * {@code sip_hangup_disposition} as mod_sofia records it on the calling (A) leg.
 */
enum HangupCause {
    NORMAL_CLEARING(16, 200, "recv_bye"),
    UNALLOCATED_NUMBER(1, 404, "send_refuse"),
    NO_ROUTE_DESTINATION(3, 404, "send_refuse"),
    USER_BUSY(17, 486, "send_refuse"),
    NO_USER_RESPONSE(18, 408, "send_refuse"),
    NO_ANSWER(19, 480, "send_refuse"),
    SUBSCRIBER_ABSENT(20, 480, "send_refuse"),
    CALL_REJECTED(21, 603, "send_refuse"),
    DESTINATION_OUT_OF_ORDER(27, 502, "send_refuse"),
    INVALID_NUMBER_FORMAT(28, 484, "send_refuse"),
    NORMAL_CIRCUIT_CONGESTION(34, 503, "send_refuse"),
    NORMAL_TEMPORARY_FAILURE(41, 503, "send_refuse"),
    RECOVERY_ON_TIMER_EXPIRE(102, 408, "send_refuse"),
    ORIGINATOR_CANCEL(487, 487, "recv_cancel");

    private final int q850;
    private final int sipStatus;
    private final String sipDisposition;

    HangupCause(int q850, int sipStatus, String sipDisposition) {
        this.q850 = q850;
        this.sipStatus = sipStatus;
        this.sipDisposition = sipDisposition;
    }

    int q850() {
        return q850;
    }

    int sipStatus() {
        return sipStatus;
    }

    String sipDisposition() {
        return sipDisposition;
    }

    static HangupCause of(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unsupported hangup cause '" + name + "', use one of "
                    + Arrays.toString(values()), e);
        }
    }
}
