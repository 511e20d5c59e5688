package io.pbxhub.testsupport.esl;

/**
 * Ways the simulator can misbehave on purpose, to test that a client survives them ({@link EslSimulator#inject}).
 * A slow reader needs no fault: each session's queue is bounded and drops (and counts) the events it cannot hold.
 */
public enum Fault {
    /** An event frame whose Content-Length is 10 bytes short, so its tail runs into the next header block. */
    WRONG_CONTENT_LENGTH,
    /** Half of an event frame (the Content-Length promises all of it), then the connection closes. */
    TRUNCATED_FRAME,
    /** 512 random bytes (invalid UTF-8 included) where a frame should begin; the session then goes on. */
    GARBAGE,
    /** A BACKGROUND_JOB event with a 5 MiB body (a huge api output), sent whatever the subscription. */
    HUGE_EVENT,
    /** The connection is reset (TCP RST, no disconnect-notice). */
    ABRUPT_CLOSE,
    /**
     * Connections accepted from now on get no auth/request greeting (they still answer commands), until
     * {@link EslSimulator#clearFaults()}. Open sessions are not affected.
     */
    NO_GREETING,
    /**
     * From now on, until {@link EslSimulator#clearFaults()}, {@code api} commands get no api/response and
     * {@code bgapi} jobs no BACKGROUND_JOB (the Job-UUID reply still comes): a command hanging inside FreeSWITCH, as a
     * stuck originate or a blocked module does. Open sessions are affected too.
     */
    STALLED_API
}
