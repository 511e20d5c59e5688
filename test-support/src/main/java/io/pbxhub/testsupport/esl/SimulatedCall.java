package io.pbxhub.testsupport.esl;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One call the simulator plays, seen from the caller's channel (the A leg, whose UUID is the call UUID).
 *
 * @param uuid
 *            the A-leg Unique-ID
 * @param direction
 *            FusionPBX's {@code call_direction}: inbound, outbound or local
 * @param callerIdNumber
 *            caller number (an extension for outbound and local calls)
 * @param callerIdName
 *            caller name, any text (it is url-encoded on the wire)
 * @param destinationNumber
 *            the number dialled
 * @param domain
 *            the FusionPBX domain (SIP domain) of the caller
 * @param ringSeconds
 *            whole seconds from channel creation to answer (or to hangup when not answered)
 * @param billsec
 *            whole seconds from answer to hangup; 0 means the call was not answered
 * @param hangupCause
 *            FreeSWITCH hangup cause, e.g. NORMAL_CLEARING, NO_ANSWER, USER_BUSY, ORIGINATOR_CANCEL
 * @param start
 *            when the channel was created
 */
public record SimulatedCall(String uuid, String direction, String callerIdNumber, String callerIdName,
        String destinationNumber, String domain, int ringSeconds, int billsec, String hangupCause, Instant start) {

    public static final String INBOUND = "inbound";
    public static final String OUTBOUND = "outbound";
    public static final String LOCAL = "local";

    /** Ring time the factories use. */
    public static final int DEFAULT_RING_SECONDS = 5;

    private static final Set<String> DIRECTIONS = Set.of(INBOUND, OUTBOUND, LOCAL);

    public SimulatedCall {
        requireText(uuid, "uuid");
        Objects.requireNonNull(direction, "direction");
        if (!DIRECTIONS.contains(direction)) {
            throw new IllegalArgumentException("direction must be inbound, outbound or local, not '" + direction + "'");
        }
        requireText(callerIdNumber, "callerIdNumber");
        Objects.requireNonNull(callerIdName, "callerIdName");
        requireText(destinationNumber, "destinationNumber");
        requireText(domain, "domain");
        if (ringSeconds < 0 || billsec < 0) {
            throw new IllegalArgumentException("ringSeconds and billsec must not be negative");
        }
        hangupCause = HangupCause.of(Objects.requireNonNull(hangupCause, "hangupCause")).name();
        Objects.requireNonNull(start, "start");
        start = start.truncatedTo(ChronoUnit.MICROS);
    }

    /** An outbound call from an extension, answered after 5 s ringing, NORMAL_CLEARING, that ended just now. */
    public static SimulatedCall answered(String from, String to, String domain, int billsec) {
        if (billsec <= 0) {
            throw new IllegalArgumentException("an answered call needs billsec > 0");
        }
        return new SimulatedCall(UUID.randomUUID().toString(), OUTBOUND, from, "Extension " + from, to, domain,
                DEFAULT_RING_SECONDS, billsec, HangupCause.NORMAL_CLEARING.name(),
                Instant.now().minusSeconds((long) DEFAULT_RING_SECONDS + billsec));
    }

    /** An outbound call from an extension that rang 5 s and ended just now with {@code cause}, never answered. */
    public static SimulatedCall unanswered(String from, String to, String domain, String cause) {
        return new SimulatedCall(UUID.randomUUID().toString(), OUTBOUND, from, "Extension " + from, to, domain,
                DEFAULT_RING_SECONDS, 0, cause, Instant.now().minusSeconds(DEFAULT_RING_SECONDS));
    }

    /** A call from the PSTN ({@code from}, via the gateway) to an extension, answered, that ended just now. */
    public static SimulatedCall inbound(String from, String toExtension, String domain, int billsec) {
        return answered(from, toExtension, domain, billsec).withDirection(INBOUND).withCallerIdName(from);
    }

    /** A call from one extension to another of the same domain, answered, that ended just now. */
    public static SimulatedCall local(String fromExtension, String toExtension, String domain, int billsec) {
        return answered(fromExtension, toExtension, domain, billsec).withDirection(LOCAL);
    }

    public boolean answered() {
        return billsec > 0;
    }

    /** When the call was hung up: start + ring + billsec. */
    public Instant end() {
        return start.plusSeconds((long) ringSeconds + billsec);
    }

    public SimulatedCall withUuid(String newUuid) {
        return new SimulatedCall(newUuid, direction, callerIdNumber, callerIdName, destinationNumber, domain,
                ringSeconds, billsec, hangupCause, start);
    }

    public SimulatedCall withDirection(String newDirection) {
        return new SimulatedCall(uuid, newDirection, callerIdNumber, callerIdName, destinationNumber, domain,
                ringSeconds, billsec, hangupCause, start);
    }

    public SimulatedCall withCallerIdNumber(String number) {
        return new SimulatedCall(uuid, direction, number, callerIdName, destinationNumber, domain, ringSeconds,
                billsec, hangupCause, start);
    }

    public SimulatedCall withCallerIdName(String name) {
        return new SimulatedCall(uuid, direction, callerIdNumber, name, destinationNumber, domain, ringSeconds,
                billsec, hangupCause, start);
    }

    public SimulatedCall withDestinationNumber(String number) {
        return new SimulatedCall(uuid, direction, callerIdNumber, callerIdName, number, domain, ringSeconds, billsec,
                hangupCause, start);
    }

    public SimulatedCall withDomain(String newDomain) {
        return new SimulatedCall(uuid, direction, callerIdNumber, callerIdName, destinationNumber, newDomain,
                ringSeconds, billsec, hangupCause, start);
    }

    /** Changes the ring time and keeps the start, so the call ends later or earlier. */
    public SimulatedCall withRingSeconds(int seconds) {
        return new SimulatedCall(uuid, direction, callerIdNumber, callerIdName, destinationNumber, domain, seconds,
                billsec, hangupCause, start);
    }

    public SimulatedCall withBillsec(int seconds) {
        return new SimulatedCall(uuid, direction, callerIdNumber, callerIdName, destinationNumber, domain,
                ringSeconds, seconds, hangupCause, start);
    }

    public SimulatedCall withHangupCause(String cause) {
        return new SimulatedCall(uuid, direction, callerIdNumber, callerIdName, destinationNumber, domain,
                ringSeconds, billsec, cause, start);
    }

    public SimulatedCall withStart(Instant newStart) {
        return new SimulatedCall(uuid, direction, callerIdNumber, callerIdName, destinationNumber, domain,
                ringSeconds, billsec, hangupCause, newStart);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
