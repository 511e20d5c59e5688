package io.pbxhub.billing.intake;

/** A CDR that cannot be parsed or rated; the message is the reason recorded with it. */
public class RejectedCdrException extends RuntimeException {

    public RejectedCdrException(String reason) {
        super(reason, null, false, false);
    }
}
