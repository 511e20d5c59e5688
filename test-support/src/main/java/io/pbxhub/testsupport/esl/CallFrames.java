package io.pbxhub.testsupport.esl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.pbxhub.testsupport.esl.CallEventFactory.Timeline;

/**
 * The plain frames of a {@link SimulatedCall}'s events, as {@link EslSimulator#play(SimulatedCall)} fires them, made
 * fast enough to load a service: the events of each call shape (direction, domain, ring time, billsec, cause) are
 * rendered once by {@link CallEventFactory} with marker values, the offsets of every per-call value are found, and each
 * call then copies those bytes with its own values written in: UUIDs, numbers, caller name, the Event-Date-* and every
 * other absolute time, and the Event-Sequence given when it is fired. Content-Length is counted per frame, so the
 * values need not keep the markers' width.
 * <p>
 * The durations of a shape only depend on its whole-second lengths and on whether 100 ms of progress crosses a second
 * (FreeSWITCH subtracts truncated seconds), so that is part of the shape. Each shape is checked when first built: a
 * second call rendered both ways must give the same bytes, or the shape is left to the slow path.
 */
final class CallFrames {

    /** Beyond this many shapes the cache starts again rather than growing without bound. */
    private static final int MAX_SHAPES = 2_048;
    private static final String CALLER_NUMBER = "QqCallerNumberQq";
    private static final String CALLER_NAME = "QqCallerNameQq";
    private static final String DESTINATION = "QqDestinationQq";
    private static final String SEQUENCE = "QqSequenceQq";
    private static final byte[] CONTENT_LENGTH = "Content-Length: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_TYPE = "\nContent-Type: text/event-plain\n\n"
            .getBytes(StandardCharsets.US_ASCII);

    private final CallEventFactory factory;
    private final SwitchClock clock;
    /** A shape that failed its check maps to an empty list. */
    private final Map<Shape, List<Template>> shapes = new ConcurrentHashMap<>();

    CallFrames(CallEventFactory factory, SwitchClock clock) {
        this.factory = factory;
        this.clock = clock;
    }

    /** What a call's frames depend on apart from the values written in per call. */
    private record Shape(String direction, String domain, int ringSeconds, int billsec, String hangupCause,
            boolean progressCrossesSecond) {

        static Shape of(SimulatedCall call) {
            long created = SwitchClock.micros(call.start());
            Timeline t = Timeline.of(call, created);
            return new Shape(call.direction(), call.domain(), call.ringSeconds(), call.billsec(), call.hangupCause(),
                    t.progress() / 1_000_000 != created / 1_000_000);
        }
    }

    /** What is written in at an offset. */
    private enum Value {
        CALL_UUID,
        CALL_UUID_HEX,
        B_LEG_UUID,
        CALLER_NUMBER,
        CALLER_NAME,
        DESTINATION,
        SEQUENCE,
        MICROS,
        MILLIS,
        SECONDS,
        LOCAL,
        GMT
    }

    /** {@code instant}: for times, the index in {@link #instants} of the moment written. */
    private record Slot(int offset, int length, Value value, int instant) {
    }

    /** One event's plain body with its slots in order of offset. */
    private record Template(String eventName, byte[] body, Slot[] slots) {
    }

    /**
     * The frames of the call's events with these Event-Sequences (one per event), or empty when the call cannot be
     * templated (a value that does not url-encode on its own, a shape whose check failed): then fire it the slow way.
     */
    Optional<List<Frame>> frames(SimulatedCall call, long firstSequence) {
        if (!plainValue(call.callerIdNumber()) || !plainValue(call.callerIdName())
                || !plainValue(call.destinationNumber())) {
            return Optional.empty();
        }
        List<Template> templates = templates(Shape.of(call));
        if (templates.isEmpty()) {
            return Optional.empty();
        }
        byte[][] values = values(call);
        List<Frame> frames = new ArrayList<>(templates.size());
        for (int i = 0; i < templates.size(); i++) {
            Template template = templates.get(i);
            frames.add(new Frame(template.eventName(), render(template, values,
                    Long.toString(firstSequence + i).getBytes(StandardCharsets.US_ASCII))));
        }
        return Optional.of(frames);
    }

    /** How many events the call has: what {@link #frames} needs sequences for. */
    static int eventCount(SimulatedCall call) {
        return call.answered() ? 3 : 2;
    }

    /** An event's name and its whole frame. */
    record Frame(String eventName, byte[] bytes) {
    }

    /** Empty values are written {@code _undef_}, and a {@code %} keeps what follows it: both depend on context. */
    private static boolean plainValue(String value) {
        return !value.isEmpty() && value.indexOf('%') < 0;
    }

    private List<Template> templates(Shape shape) {
        List<Template> templates = shapes.get(shape);
        if (templates == null) {
            if (shapes.size() >= MAX_SHAPES) {
                shapes.clear();
            }
            templates = build(shape);
            shapes.put(shape, templates);
        }
        return templates;
    }

    /** The values of the call, indexed by {@link Value} (times: 5 formats of each of the call's moments). */
    private byte[][] values(SimulatedCall call) {
        long[] moments = instants(Timeline.of(call));
        byte[][] values = new byte[Value.values().length + 5 * moments.length][];
        values[Value.CALL_UUID.ordinal()] = ascii(call.uuid());
        values[Value.CALL_UUID_HEX.ordinal()] = ascii(call.uuid().replace("-", ""));
        values[Value.B_LEG_UUID.ordinal()] = ascii(CallEventFactory.bLegUuid(call));
        values[Value.CALLER_NUMBER.ordinal()] = ascii(EslUrlCodec.encode(call.callerIdNumber()));
        values[Value.CALLER_NAME.ordinal()] = ascii(EslUrlCodec.encode(call.callerIdName()));
        values[Value.DESTINATION.ordinal()] = ascii(EslUrlCodec.encode(call.destinationNumber()));
        for (int i = 0; i < moments.length; i++) {
            if (moments[i] == 0) {
                continue;
            }
            for (Value format : new Value[]{Value.MICROS, Value.MILLIS, Value.SECONDS, Value.LOCAL, Value.GMT}) {
                values[timeIndex(format, i)] = ascii(time(format, moments[i]));
            }
        }
        return values;
    }

    private static int timeIndex(Value format, int instant) {
        return Value.values().length + 5 * instant + (format.ordinal() - Value.MICROS.ordinal());
    }

    private String time(Value format, long micros) {
        return switch (format) {
            case MICROS -> Long.toString(micros);
            case MILLIS -> Long.toString(micros / 1_000);
            case SECONDS -> Long.toString(micros / 1_000_000);
            case LOCAL -> EslUrlCodec.encode(clock.local(micros));
            case GMT -> EslUrlCodec.encode(SwitchClock.gmt(micros));
            default -> throw new IllegalArgumentException(format.name());
        };
    }

    /** The moments of the call that appear in its events (0 for what did not happen is a constant, not a slot). */
    private static long[] instants(Timeline t) {
        return new long[]{t.created(), t.progress(), t.answered(), t.hangup()};
    }

    private static byte[] render(Template template, byte[][] values, byte[] sequence) {
        int length = template.body().length;
        for (Slot slot : template.slots()) {
            length += value(slot, values, sequence).length - slot.length();
        }
        byte[] digits = Integer.toString(length).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[CONTENT_LENGTH.length + digits.length + CONTENT_TYPE.length + length];
        int at = put(out, 0, CONTENT_LENGTH);
        at = put(out, at, digits);
        at = put(out, at, CONTENT_TYPE);
        byte[] body = template.body();
        int from = 0;
        for (Slot slot : template.slots()) {
            System.arraycopy(body, from, out, at, slot.offset() - from);
            at += slot.offset() - from;
            at = put(out, at, value(slot, values, sequence));
            from = slot.offset() + slot.length();
        }
        System.arraycopy(body, from, out, at, body.length - from);
        return out;
    }

    private static byte[] value(Slot slot, byte[][] values, byte[] sequence) {
        return switch (slot.value()) {
            case SEQUENCE -> sequence;
            case MICROS, MILLIS, SECONDS, LOCAL, GMT -> values[timeIndex(slot.value(), slot.instant())];
            default -> values[slot.value().ordinal()];
        };
    }

    private static int put(byte[] out, int at, byte[] bytes) {
        System.arraycopy(bytes, 0, out, at, bytes.length);
        return at + bytes.length;
    }

    /** Renders the shape with marker values, finds them, and checks the result against the slow path. */
    private List<Template> build(Shape shape) {
        SimulatedCall marked = call(shape, CALLER_NUMBER, CALLER_NAME, DESTINATION, 0);
        List<EslEvent> events = factory.eventsFor(marked);
        List<Template> templates = new ArrayList<>(events.size());
        for (EslEvent event : events) {
            event.set("Event-Sequence", SEQUENCE);
            Template template = template(event, marked);
            if (template == null) {
                return List.of();
            }
            templates.add(template);
        }
        // a second call, rendered both ways: anything that differs was not found as a slot
        SimulatedCall check = call(shape, "1009", "Extension 1009", "0299998888", 86_400L * 1_000_000 * 37 + 3_000_000);
        List<EslEvent> slow = factory.eventsFor(check);
        byte[][] values = values(check);
        for (int i = 0; i < templates.size(); i++) {
            slow.get(i).set("Event-Sequence", Long.toString(1_000 + i));
            byte[] expected = EslFrames.event(EventFormat.PLAIN, slow.get(i).toPlain());
            byte[] actual = render(templates.get(i), values,
                    Long.toString(1_000 + i).getBytes(StandardCharsets.US_ASCII));
            if (!Arrays.equals(expected, actual)) {
                return List.of();
            }
        }
        return List.copyOf(templates);
    }

    /** A call of the shape; its start keeps the shape's sub-second phase, {@code laterMicros} after the first. */
    private static SimulatedCall call(Shape shape, String number, String name, String destination, long laterMicros) {
        // 2026-01-01T00:00:00Z, then the phase: 0.95 s crosses a second within 100 ms of progress, 0.25 s does not
        long created = 1_767_225_600_000_000L + laterMicros + (shape.progressCrossesSecond() ? 950_123 : 250_123);
        return new SimulatedCall(UUID.randomUUID().toString(), shape.direction(), number, name, destination,
                shape.domain(), shape.ringSeconds(), shape.billsec(), shape.hangupCause(),
                SwitchClock.instant(created));
    }

    /** Null when the body is not all ASCII (a nested body), as the offsets found in the text are those of bytes. */
    private Template template(EslEvent event, SimulatedCall call) {
        String body = event.toPlain();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length != body.length()) {
            return null;
        }
        // offset → slot; the first value found at an offset wins, so longer ones are looked for first
        TreeMap<Integer, Slot> slots = new TreeMap<>();
        find(body, call.uuid(), Value.CALL_UUID, 0, false, slots);
        find(body, call.uuid().replace("-", ""), Value.CALL_UUID_HEX, 0, false, slots);
        find(body, CallEventFactory.bLegUuid(call), Value.B_LEG_UUID, 0, false, slots);
        find(body, CALLER_NUMBER, Value.CALLER_NUMBER, 0, false, slots);
        find(body, CALLER_NAME, Value.CALLER_NAME, 0, false, slots);
        find(body, DESTINATION, Value.DESTINATION, 0, false, slots);
        find(body, SEQUENCE, Value.SEQUENCE, 0, false, slots);
        long[] moments = instants(Timeline.of(call));
        for (Value format : new Value[]{Value.GMT, Value.LOCAL, Value.MICROS, Value.MILLIS, Value.SECONDS}) {
            for (int i = 0; i < moments.length; i++) {
                if (moments[i] != 0) {
                    boolean number = format != Value.GMT && format != Value.LOCAL;
                    find(body, time(format, moments[i]), format, i, number, slots);
                }
            }
        }
        return new Template(event.name(), bytes, slots.values().toArray(Slot[]::new));
    }

    /** Adds a slot per occurrence not overlapping one found before; a number must not be part of a longer one. */
    private static void find(String body, String marker, Value value, int instant, boolean number,
            TreeMap<Integer, Slot> slots) {
        for (int at = body.indexOf(marker); at >= 0; at = body.indexOf(marker, at + 1)) {
            int end = at + marker.length();
            if (number
                    && (at > 0 && isDigit(body.charAt(at - 1)) || end < body.length() && isDigit(body.charAt(end)))) {
                continue;
            }
            Map.Entry<Integer, Slot> before = slots.floorEntry(end - 1);
            if (before != null && before.getKey() + before.getValue().length() > at) {
                continue;
            }
            slots.put(at, new Slot(at, marker.length(), value, instant));
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
