package io.pbxhub.instance.pbx3cx;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallSessionTest {

    static Pbx3cxCall segment(long id, String start, String from, String to, Integer duration, String status) {
        Pbx3cxCall c = new Pbx3cxCall();
        c.id = id;
        c.startedAt = Instant.parse(start);
        c.endedAt = c.startedAt.plusSeconds(duration == null ? 10 : duration + 5);
        c.fromNumber = from;
        c.toNumber = to;
        c.duration = duration;
        c.status = status;
        return c;
    }

    @Test
    void aSessionIsSummedOverItsSegmentsInTimeOrderWhateverTheOrderGiven() {
        Pbx3cxCall queue = segment(1, "2025-07-25T10:00:00Z", "+3212345", "800", null, "unanswered");
        Pbx3cxCall agent = segment(2, "2025-07-25T10:00:30Z", "+3212345", "100", 90, "answered");
        Pbx3cxCall transfer = segment(3, "2025-07-25T10:02:05Z", "100", "101", 20, "busy");
        transfer.finalNumber = "102";
        transfer.finalName = "Carol";

        CallSession s = CallSession.of(List.of(transfer, queue, agent));

        assertThat(s.startedAt()).isEqualTo(queue.startedAt);
        assertThat(s.endedAt()).isEqualTo(transfer.endedAt);
        assertThat(s.fromNumber()).isEqualTo("+3212345");
        assertThat(s.toNumber()).isEqualTo("800");
        assertThat(s.finalNumber()).isEqualTo("102");
        assertThat(s.finalName()).isEqualTo("Carol");
        assertThat(s.status()).as("answered by someone").isEqualTo("answered");
        assertThat(s.duration()).isEqualTo(110);
        assertThat(s.segmentCount()).isEqualTo(3);
        assertThat(s.participants()).extracting(CallParticipant::number).containsExactly("+3212345", "800", "100",
                "101", "102");
    }

    @Test
    void anUnansweredSessionTakesTheStatusOfItsLastSegment() {
        CallSession s = CallSession.of(List.of(segment(1, "2025-07-25T10:00:00Z", "1", "2", null, "unanswered"),
                segment(2, "2025-07-25T10:00:10Z", "1", "3", null, "voicemail")));
        assertThat(s.status()).isEqualTo("voicemail");
        assertThat(s.duration()).isZero();
        assertThat(s.finalNumber()).isEqualTo("3");
    }

    @Test
    void aNameOrTypeMissingInOneSegmentIsTakenFromAnother() {
        Pbx3cxCall first = segment(1, "2025-07-25T10:00:00Z", "100", "200", 5, "answered");
        Pbx3cxCall second = segment(2, "2025-07-25T10:01:00Z", "100", "300", 5, "answered");
        second.fromName = "Alice";
        second.fromType = "Extension";
        assertThat(CallSession.of(List.of(first, second)).participants().get(0))
                .isEqualTo(new CallParticipant("100", "Alice", "Extension"));
    }

    @Test
    void noSegmentsMeansAnEmptySession() {
        CallSession s = CallSession.of(List.of());
        assertThat(s.segmentCount()).isZero();
        assertThat(s.participants()).isEmpty();
        assertThat(s.status()).isNull();
    }
}
