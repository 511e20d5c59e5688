package io.pbxhub.testsupport.esl;

import java.util.Objects;

/**
 * A scripted call: a {@link SimulatedCall} (the caller's A leg and how it ends) plus what happens on the way.
 * Immutable;
 * each method returns a changed copy.
 *
 * <pre>
 * CallFlow flow = CallFlow.of(SimulatedCall.local("1001", "1002", "pbx.example.com", 60))
 *         .bridged() // the B leg's own events, CHANNEL_BRIDGE and CHANNEL_UNBRIDGE
 *         .withPresence() // PRESENCE_IN for BLF on ring, answer, hold, unhold and hangup
 *         .hold(10, 20) // CHANNEL_HOLD 10 s after answer, CHANNEL_UNHOLD 20 s later
 *         .transfer(40, "1003"); // blind transfer of the caller to 1003, 40 s after answer
 * sim.play(flow); // all at once, stamped with the call's own (past) timeline
 * String uuid = sim.ring(flow); // or step by step, stamped now: answer, hold, unhold, transfer, hangup
 * </pre>
 *
 * @param call
 *            the A leg: parties, direction, ring time, billsec (0: never answered) and hangup cause
 * @param bLegEvents
 *            whether the B leg's CHANNEL_CREATE/ANSWER/HANGUP_COMPLETE and CHANNEL_BRIDGE/UNBRIDGE are fired
 * @param presenceEvents
 *            whether PRESENCE_IN events accompany the call's state changes
 * @param holdAfterSeconds
 *            seconds after answer when the caller is put on hold; negative for no hold
 * @param holdSeconds
 *            how long the hold lasts
 * @param transferAfterSeconds
 *            seconds after answer when the call is transferred; negative for no transfer
 * @param transferTo
 *            the new destination of a transfer, or null
 */
public record CallFlow(SimulatedCall call, boolean bLegEvents, boolean presenceEvents, int holdAfterSeconds,
        int holdSeconds,
        int transferAfterSeconds, String transferTo) {

    public CallFlow {
        Objects.requireNonNull(call, "call");
        if (holdAfterSeconds >= 0 && (!call.answered() || holdSeconds <= 0
                || holdAfterSeconds + holdSeconds > call.billsec())) {
            throw new IllegalArgumentException("a hold needs an answered call and must end within its billsec");
        }
        if (transferAfterSeconds >= 0 && (!call.answered() || transferAfterSeconds > call.billsec()
                || transferTo == null || transferTo.isBlank())) {
            throw new IllegalArgumentException("a transfer needs an answered call, a target and must happen within"
                    + " its billsec");
        }
    }

    /** The call as {@link EslSimulator#play(SimulatedCall)} plays it: A leg only, no presence. */
    public static CallFlow of(SimulatedCall call) {
        return new CallFlow(call, false, false, -1, 0, -1, null);
    }

    /** Shorthand for {@code CallFlow.of(call).bridged()}. */
    public static CallFlow bridged(SimulatedCall call) {
        return of(call).bridged();
    }

    public CallFlow bridged() {
        return new CallFlow(call, true, presenceEvents, holdAfterSeconds, holdSeconds, transferAfterSeconds,
                transferTo);
    }

    public CallFlow withPresence() {
        return new CallFlow(call, bLegEvents, true, holdAfterSeconds, holdSeconds, transferAfterSeconds, transferTo);
    }

    public CallFlow hold(int afterSeconds, int forSeconds) {
        return new CallFlow(call, bLegEvents, presenceEvents, afterSeconds, forSeconds, transferAfterSeconds,
                transferTo);
    }

    /** A blind transfer; implies {@link #bridged()}, as the caller leaves one B leg for another. */
    public CallFlow transfer(int afterSeconds, String to) {
        return new CallFlow(call, true, presenceEvents, holdAfterSeconds, holdSeconds, afterSeconds, to);
    }
}
