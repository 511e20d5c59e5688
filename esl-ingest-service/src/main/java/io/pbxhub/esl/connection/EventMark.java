package io.pbxhub.esl.connection;

/** The newest event of a PBX handled for good: its Core-UUID (one per FreeSWITCH start) and Event-Sequence. */
public record EventMark(String coreUuid, long sequence) {

    /** Whether an event with this id is at or before the mark, i.e. a replay. */
    public boolean covers(String eventCoreUuid, long eventSequence) {
        return coreUuid.equals(eventCoreUuid) && eventSequence <= sequence;
    }
}
