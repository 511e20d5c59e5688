package io.pbxhub.instance.pbx3cx;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a call log shows about one call session, computed from its call records (segments): where it started, who
 * called whom, where it ended up, whether anyone answered, and everyone who took part.
 */
record CallSession(Instant startedAt, Instant endedAt, String fromNumber, String fromName, String toNumber,
        String toName, String finalNumber, String finalName, String direction, String status, int segmentCount,
        int duration, List<CallParticipant> participants) {

    static final Comparator<Pbx3cxCall> CALL_ORDER = Comparator.comparing((Pbx3cxCall c) -> c.startedAt)
            .thenComparing(c -> c.id, Comparator.nullsLast(Comparator.naturalOrder()));

    static CallSession of(List<Pbx3cxCall> calls) {
        if (calls.isEmpty()) {
            return new CallSession(null, null, null, null, null, null, null, null, null, null, 0, 0, List.of());
        }
        List<Pbx3cxCall> segments = calls.stream().sorted(CALL_ORDER).toList();
        Pbx3cxCall first = segments.get(0);
        Pbx3cxCall last = segments.get(segments.size() - 1);
        Instant ended = segments.stream().map(c -> c.endedAt).filter(Objects::nonNull).max(Comparator.naturalOrder())
                .orElse(null);
        String direction = segments.stream().map(c -> c.direction).filter(Objects::nonNull).findFirst().orElse(null);
        boolean answered = segments.stream().anyMatch(c -> "answered".equals(c.status));
        int duration = segments.stream().mapToInt(c -> c.duration == null ? 0 : c.duration).sum();
        // 3CX writes final-number only when the destination changed (transfer, forward): otherwise it is to-no.
        String finalNumber = last.finalNumber != null ? last.finalNumber : last.toNumber;
        String finalName = last.finalNumber != null ? last.finalName : last.toName;
        return new CallSession(first.startedAt, ended, first.fromNumber, first.fromName, first.toNumber,
                first.toName, finalNumber, finalName, direction, answered ? "answered" : last.status,
                segments.size(), duration, participants(segments));
    }

    private static List<CallParticipant> participants(List<Pbx3cxCall> segments) {
        Map<String, CallParticipant> byNumber = new LinkedHashMap<>();
        for (Pbx3cxCall c : segments) {
            add(byNumber, c.fromNumber, c.fromName, c.fromType);
            add(byNumber, c.toNumber, c.toName, c.toType);
            add(byNumber, c.finalNumber, c.finalName, c.finalType);
        }
        return new ArrayList<>(byNumber.values());
    }

    private static void add(Map<String, CallParticipant> byNumber, String number, String name, String type) {
        if (number == null) {
            return;
        }
        // A later segment may know the display name or type an earlier one left out.
        byNumber.merge(number, new CallParticipant(number, name, type), (known, seen) -> new CallParticipant(number,
                known.name() != null ? known.name() : seen.name(), known.type() != null ? known.type() : seen.type()));
    }
}
