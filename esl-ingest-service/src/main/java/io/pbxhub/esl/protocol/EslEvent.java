package io.pbxhub.esl.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code text/event-plain} event, kept as its bytes plus an index of where each header's name and value lie. An
 * event carries 150+ headers (~10 KB) and a consumer reads a dozen, so parsing builds no String at all: a lookup
 * compares the asked name with the name bytes, and only a header actually read is url-decoded into a String (once,
 * then cached). Values stay as FreeSWITCH sent them (url-encoded) until then.
 * <p>
 * Not thread-safe for the lazy caches; an event is handled on one thread at a time (its connection's event loop and the
 * sinks it calls).
 */
public final class EslEvent {

    /** Reads 8 bytes at a time when looking for the end of a value (SWAR). */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LOWS = 0x7F7F7F7F7F7F7F7FL;
    private static final long SIXTIES = 0x6060606060606060L;
    private static final long COLONS = 0x3A3A3A3A3A3A3A3AL;
    private static final long SPACES = 0x2020202020202020L;
    /** Headers a scratch index holds: a channel event has 120-230. */
    static final int SCRATCH_HEADERS = 256;
    /** Name lengths chained apart; longer names share the last chain. */
    private static final int LENGTH_BUCKETS = 64;

    /** The headers before {@link #inHead} and the event body. */
    private final byte[] data;
    /**
     * An event whose bytes came in two socket reads is indexed where its two parts lie, not joined: headers from
     * {@link #firstInRest} on lie in {@code rest}, and the one line cut between the reads, if any, is copied to
     * {@code straddle}. An event in one piece has {@code inHead} = MAX_VALUE.
     */
    private final byte[] straddle;
    private final byte[] rest;
    private final int inHead;
    private final int firstInRest;
    /**
     * Four ints per header, in wire order: name start, name length, value start, value length (offsets in the header's
     * array, see {@link #bytesOf(int)}).
     */
    private final int[] index;
    private final int count;
    private final int bodyStart;
    private final int bodyLength;
    private String body;
    /**
     * The values decoded so far and their header positions: a consumer reads a dozen of 150+ headers, so a short list
     * searched linearly instead of an array with a slot per header.
     */
    private int[] decodedAt;
    private String[] decoded;
    private int decodedCount;
    private Map<String, String> rawHeaders;
    /** Header positions chained by name length, built on the first lookup (see {@link #chainByLength()}). */
    private int[] firstOfLength;
    private int[] sameLength;

    /** An event from already separated headers (values url-encoded as on the wire), e.g. built in a test. */
    public EslEvent(Map<String, String> rawHeaders, String body) {
        byte[][] parts = new byte[rawHeaders.size() * 2][];
        int size = 0;
        int p = 0;
        for (Map.Entry<String, String> h : rawHeaders.entrySet()) {
            parts[p] = h.getKey().getBytes(StandardCharsets.UTF_8);
            parts[p + 1] = h.getValue().getBytes(StandardCharsets.UTF_8);
            size += parts[p].length + parts[p + 1].length;
            p += 2;
        }
        this.data = new byte[size];
        this.index = new int[parts.length * 2];
        int at = 0;
        for (int i = 0; i < parts.length; i++) {
            System.arraycopy(parts[i], 0, data, at, parts[i].length);
            index[i * 2] = at;
            index[i * 2 + 1] = parts[i].length;
            at += parts[i].length;
        }
        this.count = rawHeaders.size();
        this.straddle = null;
        this.rest = null;
        this.inHead = Integer.MAX_VALUE;
        this.firstInRest = Integer.MAX_VALUE;
        this.bodyStart = -1;
        this.bodyLength = 0;
        this.body = body;
    }

    private EslEvent(byte[] data, int[] index, int count, int bodyStart, int bodyLength) {
        this(data, null, null, Integer.MAX_VALUE, Integer.MAX_VALUE, index, count, bodyStart, bodyLength);
    }

    private EslEvent(byte[] data, byte[] straddle, byte[] rest, int inHead, int firstInRest, int[] index, int count,
            int bodyStart, int bodyLength) {
        this.data = data;
        this.straddle = straddle;
        this.rest = rest;
        this.inHead = inHead;
        this.firstInRest = firstInRest;
        this.index = index;
        this.count = count;
        this.bodyStart = bodyStart;
        this.bodyLength = bodyLength;
    }

    /**
     * Parses the body of a {@code text/event-plain} frame: {@code Name: value} lines up to a blank line, then, when the
     * event has a {@code Content-Length} header, that many bytes of event body (BACKGROUND_JOB's API output). The event
     * keeps {@code bytes} (no copy): the caller must not change them afterwards.
     */
    public static EslEvent parsePlain(byte[] bytes) {
        return parsePlain(bytes, 0, bytes.length, new Scratch());
    }

    /** Where the decoder builds each event's index before the event gets an exact-size copy of its own. */
    static final class Scratch {
        /** Kept from one event to the next, so it stays in cache and is not zeroed anew. */
        int[] index = new int[SCRATCH_HEADERS * 4];
        int count;
        /** Where the event body starts once the blank line after the headers was met, else -1. */
        int bodyStart;

        void reset() {
            count = 0;
            bodyStart = -1;
        }
    }

    /** {@link #parsePlain(byte[])} of {@code bytes[from, to)}; the event keeps the array, offsets stay absolute. */
    static EslEvent parsePlain(byte[] bytes, int from, int to, Scratch scratch) {
        scratch.reset();
        lines(bytes, from, to, false, scratch);
        int count = scratch.count;
        if (count == 0) {
            throw new EslProtocolException("event without headers");
        }
        int[] index = Arrays.copyOf(scratch.index, count * 4);
        int bodyStart = scratch.bodyStart;
        EslEvent event = new EslEvent(bytes, index, count, -1, 0);
        if (bodyStart < 0) {
            return event;
        }
        String contentLength = event.raw(EslFrame.CONTENT_LENGTH);
        if (contentLength == null) {
            return event;
        }
        long length = EslHeaderLine.parseContentLength(contentLength, to - from);
        if (bodyStart + length > to) {
            throw new EslProtocolException(
                    "event body shorter than its Content-Length " + length + ": " + (to - bodyStart));
        }
        return new EslEvent(bytes, index, count, bodyStart, (int) length);
    }

    /**
     * {@link #parsePlain(byte[])} of the bytes {@code head[headFrom, headTo)} followed by {@code tail[tailFrom,
     * tailTo)}, as a body cut between two socket reads arrives. The event keeps both arrays and copies only the line
     * they cut, instead of a fresh ~8 KB array that would be written into cold memory. Anything but headers whose
     * blank line lies in the tail is joined and parsed as one piece (errors included, so they read the same).
     */
    static EslEvent parsePlain(byte[] head, int headFrom, int headTo, byte[] tail, int tailFrom, int tailTo,
            Scratch scratch) {
        EslEvent event;
        try {
            event = parseInPlace(head, headFrom, headTo, tail, tailFrom, tailTo, scratch);
        } catch (EslProtocolException e) {
            event = null;
        }
        if (event != null) {
            return event;
        }
        byte[] joined = new byte[headTo - headFrom + tailTo - tailFrom];
        System.arraycopy(head, headFrom, joined, 0, headTo - headFrom);
        System.arraycopy(tail, tailFrom, joined, headTo - headFrom, tailTo - tailFrom);
        return parsePlain(joined, 0, joined.length, scratch);
    }

    /** The two-part event, or null when it has to be joined. */
    private static EslEvent parseInPlace(byte[] head, int headFrom, int headTo, byte[] tail, int tailFrom, int tailTo,
            Scratch scratch) {
        scratch.reset();
        int cut = lines(head, headFrom, headTo, true, scratch);
        if (scratch.bodyStart >= 0) {
            return null;
        }
        int inHead = scratch.count;
        int lf = tailFrom;
        while (lf < tailTo && tail[lf] != '\n') {
            lf++;
        }
        if (lf == tailTo) {
            return null;
        }
        byte[] straddle = null;
        int restFrom = tailFrom;
        if (cut < headTo) {
            straddle = new byte[headTo - cut + lf + 1 - tailFrom];
            System.arraycopy(head, cut, straddle, 0, headTo - cut);
            System.arraycopy(tail, tailFrom, straddle, headTo - cut, lf + 1 - tailFrom);
            lines(straddle, 0, straddle.length, false, scratch);
            if (scratch.bodyStart >= 0) {
                return null;
            }
            restFrom = lf + 1;
        }
        int firstInRest = scratch.count;
        lines(tail, restFrom, tailTo, false, scratch);
        int count = scratch.count;
        if (count == 0) {
            return null;
        }
        EslEvent event = new EslEvent(head, straddle, tail, inHead, firstInRest, Arrays.copyOf(scratch.index,
                count * 4), count, -1, 0);
        // An event body (BACKGROUND_JOB's API output) is rare: joined, so that it lies in one array. Without a blank
        // line there is none, whatever the headers say.
        return scratch.bodyStart >= 0 && event.has(EslFrame.CONTENT_LENGTH) ? null : event;
    }

    /**
     * Indexes the header lines of {@code bytes[pos, to)} into {@code scratch} up to the blank line (noted as
     * {@code scratch.bodyStart}) or {@code to}. With {@code open}, {@code to} is not the end of the event: a last line
     * that it cuts is not indexed and its start is returned; otherwise returns where it stopped.
     */
    private static int lines(byte[] bytes, int pos, int to, boolean open, Scratch scratch) {
        int[] index = scratch.index;
        int count = scratch.count;
        lines : while (pos < to) {
            // The usual line, "Name: value" up to an LF with no other control byte, with whole words before to: one
            // pass of words with cheaper tests (see lineStops, colonsFrom), the word the ':' is in looked at once.
            // Anything else (a blank line, CR, tab, a malformed line, the last bytes before to) takes the general way
            // below, which gives the same answer.
            fast : {
                int i = pos;
                long stops = 0;
                long colons = 0;
                for (; i + Long.BYTES <= to; i += Long.BYTES) {
                    long w = (long) LONGS.get(bytes, i);
                    stops = lineStops(w);
                    colons = colonsFrom(w);
                    if ((stops | colons) != 0) {
                        break;
                    }
                }
                int at = Long.numberOfTrailingZeros(colons);
                if (Long.numberOfTrailingZeros(stops) <= at) {
                    // No ':' before a control byte or the end of the bytes.
                    break fast;
                }
                int colon = i + (at >>> 3);
                if (stops == 0) {
                    for (i += Long.BYTES; i + Long.BYTES <= to; i += Long.BYTES) {
                        stops = lineStops((long) LONGS.get(bytes, i));
                        if (stops != 0) {
                            break;
                        }
                    }
                    if (stops == 0) {
                        break fast;
                    }
                }
                int lineEnd = i + (Long.numberOfTrailingZeros(stops) >>> 3);
                if (bytes[lineEnd] != '\n' || colon == pos) {
                    break fast;
                }
                int nameStart = pos;
                int nameEnd = colon;
                while (nameStart < nameEnd && (bytes[nameStart] & 0xFF) <= ' ') {
                    nameStart++;
                }
                while (nameEnd > nameStart && (bytes[nameEnd - 1] & 0xFF) <= ' ') {
                    nameEnd--;
                }
                if (nameStart == nameEnd) {
                    break fast;
                }
                int valueStart = colon + 1;
                while (valueStart < lineEnd && bytes[valueStart] == ' ') {
                    valueStart++;
                }
                if (count * 4 == index.length) {
                    index = Arrays.copyOf(index, index.length * 2);
                    scratch.index = index;
                }
                int k = count * 4;
                index[k] = nameStart;
                index[k + 1] = nameEnd - nameStart;
                index[k + 2] = valueStart;
                index[k + 3] = lineEnd - valueStart;
                count++;
                pos = lineEnd + 1;
                continue lines;
            }
            // The general way, kept out of this loop so that the JIT keeps the usual line's loop small.
            scratch.count = count;
            int next = generalLine(bytes, pos, to, open, scratch);
            count = scratch.count;
            index = scratch.index;
            if (next < 0) {
                break;
            }
            pos = next;
        }
        scratch.count = count;
        return pos;
    }

    /**
     * Indexes the line at {@code pos} however it looks (see {@link #lines}): returns where the next line starts, or -1
     * to stop there (the blank line, noted as {@code scratch.bodyStart}, or a last line cut by {@code to} when
     * {@code open}).
     */
    private static int generalLine(byte[] bytes, int pos, int to, boolean open, Scratch scratch) {
        int[] index = scratch.index;
        int count = scratch.count;
        byte first = bytes[pos];
        if (first == '\n') {
            scratch.bodyStart = pos + 1;
            return -1;
        }
        if (first == '\r' && (pos + 1 == to || bytes[pos + 1] == '\n')) {
            if (open && pos + 1 == to) {
                return -1;
            }
            scratch.bodyStart = Math.min(pos + 2, to);
            return -1;
        }
        // One pass over the line finds its end (the first control byte that is a line end) and its first ':'.
        int colon = -1;
        int lineEnd;
        int i = pos;
        while (true) {
            long scanned = scan(bytes, i, to, colon);
            int stop = (int) scanned;
            colon = (int) (scanned >> 32);
            if (stop == to) {
                lineEnd = open ? -1 : to;
                break;
            }
            int b = bytes[stop] & 0xFF;
            if (b == '\n' || (b == '\r' && (stop + 1 == to || bytes[stop + 1] == '\n'))) {
                lineEnd = open && b == '\r' && stop + 1 == to ? -1 : stop;
                break;
            }
            if (b != '\t') {
                throw controlByte(b);
            }
            i = stop + 1;
        }
        if (lineEnd < 0) {
            return -1;
        }
        if (colon <= pos) {
            throw new EslProtocolException("malformed header line: " + preview(bytes, pos, to));
        }
        int nameStart = pos;
        int nameEnd = colon;
        while (nameStart < nameEnd && (bytes[nameStart] & 0xFF) <= ' ') {
            nameStart++;
        }
        while (nameEnd > nameStart && (bytes[nameEnd - 1] & 0xFF) <= ' ') {
            nameEnd--;
        }
        if (nameStart == nameEnd) {
            throw new EslProtocolException("header line without a name: " + preview(bytes, pos, to));
        }
        int valueStart = colon + 1;
        while (valueStart < lineEnd && bytes[valueStart] == ' ') {
            valueStart++;
        }
        if (count * 4 == index.length) {
            index = Arrays.copyOf(index, index.length * 2);
            scratch.index = index;
        }
        int k = count * 4;
        index[k] = nameStart;
        index[k + 1] = nameEnd - nameStart;
        index[k + 2] = valueStart;
        index[k + 3] = lineEnd - valueStart;
        scratch.count = count + 1;
        return lineEnd == to ? to : bytes[lineEnd] == '\r' ? Math.min(lineEnd + 2, to) : lineEnd + 1;
    }

    /**
     * Scans from {@code from} to the first byte below 0x20 or equal to 0x7F (or {@code to}), noting the first ':' on
     * the way unless {@code colon} is already known (>= 0). Returns the stop in the low and the colon in the high 32
     * bits. Eight bytes per step with exact tests (SWAR, see {@link #controls(long)}): the general line's scan, for the
     * lines the fast path in {@link #lines} hands on.
     */
    static long scan(byte[] bytes, int from, int to, int colon) {
        int i = from;
        if (colon < 0) {
            // The name: look for ':' too, until it is found.
            for (; i + Long.BYTES <= to; i += Long.BYTES) {
                long w = (long) LONGS.get(bytes, i);
                long controls = controls(w);
                long colons = colons(w);
                if ((controls | colons) != 0) {
                    int clean = Long.numberOfTrailingZeros(controls) >>> 3;
                    int at = Long.numberOfTrailingZeros(colons) >>> 3;
                    if (at >= clean) {
                        return ((long) colon << 32) | (i + clean);
                    }
                    // The value goes on from here; this word's bytes before the ':' are clean, so rescanning it is
                    // harmless.
                    colon = i + at;
                    break;
                }
            }
        }
        // The value: control bytes only.
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long controls = controls((long) LONGS.get(bytes, i));
            if (controls != 0) {
                return ((long) colon << 32) | (i + (Long.numberOfTrailingZeros(controls) >>> 3));
            }
        }
        for (; i < to; i++) {
            int b = bytes[i] & 0xFF;
            if (b < 0x20 || b == 0x7F) {
                break;
            }
            if (b == ':' && colon < 0) {
                colon = i;
            }
        }
        return ((long) colon << 32) | i;
    }

    /**
     * The high bit of the first byte of {@code w} (in memory order) that is below 0x20 or equal to 0x7F, and maybe of
     * later bytes: exact for the first only (a borrow or carry runs on from it, or from a 0xFF byte, which sets a
     * false flag after it but never clears one). Five operations against six for {@link #controls(long)}; a caller
     * must check the byte it points at.
     */
    static long lineStops(long w) {
        return ((w - SPACES) | (w + ONES)) & ~w & HIGHS;
    }

    /**
     * The high bit of the first ':' of {@code w} (in memory order), and maybe of later bytes: exact for the first only.
     */
    static long colonsFrom(long w) {
        long x = w ^ COLONS;
        return (x - ONES) & ~x & HIGHS;
    }

    /**
     * The high bit of each byte of {@code w} that is below 0x20 or equal to 0x7F, exact for every byte. With the high
     * bits masked off no addition carries into the next byte: adding 0x60 sets the high bit from 0x20 up, adding 0x01
     * sets it only for 0x7F; bytes from 0x80 up are never control bytes. Six operations, against eight for the usual
     * "has less than" and "has zero" tricks, which are also exact only for the lowest flagged byte.
     */
    static long controls(long w) {
        long low = w & LOWS;
        return ~w & ~((low + SIXTIES) & ~(low + ONES)) & HIGHS;
    }

    /** The high bit of each byte of {@code w} that is ':', exact for every byte (the same no-carry idea). */
    static long colons(long w) {
        return ~((((w & LOWS) ^ COLONS) + LOWS) | w) & HIGHS;
    }

    private static EslProtocolException controlByte(int b) {
        return new EslProtocolException("control byte 0x" + Integer.toHexString(b) + " in a header line");
    }

    private static String preview(byte[] bytes, int from, int to) {
        int end = Math.min(to, from + 60);
        for (int i = from; i < end; i++) {
            if (bytes[i] == '\n') {
                end = i;
            }
        }
        return new String(bytes, from, end - from, StandardCharsets.UTF_8);
    }

    /** The array header {@code h}'s offsets point into. */
    private byte[] bytesOf(int h) {
        return h < inHead ? data : h >= firstInRest ? rest : straddle;
    }

    /** Position of the first header named {@code name} (exact, case-sensitive), or -1. */
    private int find(String name) {
        int h = findAscii(name);
        return h >= 0 || isAscii(name) ? h : find(name.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isAscii(String name) {
        for (int c = 0; c < name.length(); c++) {
            if (name.charAt(c) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #find(String)} comparing each char with one byte: exact for an ASCII name, and a name with any other char
     * is never found (a byte is at most 0x7F as a signed value, such a char at least 0x80), so that a hit needs no
     * check of the name first.
     */
    private int findAscii(String name) {
        int length = name.length();
        if (sameLength == null) {
            chainByLength();
        }
        int[] ix = index;
        outer : for (int h = firstOfLength[Math.min(length, LENGTH_BUCKETS - 1)]; h >= 0; h = sameLength[h]) {
            int k = h * 4;
            if (ix[k + 1] != length) {
                continue;
            }
            int at = ix[k];
            byte[] d = bytesOf(h);
            // From the end: names of one length often share a prefix ("variable_", "Caller-") but rarely a suffix.
            for (int c = length - 1; c >= 0; c--) {
                if (d[at + c] != name.charAt(c)) {
                    continue outer;
                }
            }
            return h;
        }
        return -1;
    }

    private int find(byte[] name) {
        for (int h = 0, k = 0; h < count; h++, k += 4) {
            int at = index[k];
            if (index[k + 1] == name.length
                    && Arrays.equals(bytesOf(h), at, at + name.length, name, 0, name.length)) {
                return h;
            }
        }
        return -1;
    }

    /**
     * Chains the headers by name length, each chain in wire order (so the first of duplicates is met first): a lookup
     * then compares bytes with the few names of its length instead of walking all 150+.
     */
    private void chainByLength() {
        int[] first = new int[LENGTH_BUCKETS];
        Arrays.fill(first, -1);
        int[] next = new int[count];
        for (int h = count - 1; h >= 0; h--) {
            int bucket = Math.min(index[h * 4 + 1], LENGTH_BUCKETS - 1);
            next[h] = first[bucket];
            first[bucket] = h;
        }
        firstOfLength = first;
        sameLength = next;
    }

    /** The decoded value of a header, or null when the event does not carry it. The first of duplicates wins. */
    public String get(String name) {
        int h = find(name);
        if (h < 0) {
            return null;
        }
        for (int i = 0; i < decodedCount; i++) {
            if (decodedAt[i] == h) {
                return decoded[i];
            }
        }
        String value = EslValues.urlDecode(bytesOf(h), index[h * 4 + 2], index[h * 4 + 3]);
        if (decoded == null) {
            decodedAt = new int[16];
            decoded = new String[16];
        } else if (decodedCount == decoded.length) {
            decodedAt = Arrays.copyOf(decodedAt, decodedCount * 2);
            decoded = Arrays.copyOf(decoded, decodedCount * 2);
        }
        decodedAt[decodedCount] = h;
        decoded[decodedCount++] = value;
        return value;
    }

    /** The value exactly as it came over the wire (url-encoded). */
    public String raw(String name) {
        int h = find(name);
        return h < 0 ? null : new String(bytesOf(h), index[h * 4 + 2], index[h * 4 + 3], StandardCharsets.UTF_8);
    }

    public boolean has(String name) {
        return find(name) >= 0;
    }

    /** {@code Event-Name}, e.g. CHANNEL_CREATE. */
    public String name() {
        return get("Event-Name");
    }

    /** The event's own body (BACKGROUND_JOB's API output), or null. */
    public String body() {
        if (body == null && bodyStart >= 0) {
            body = new String(data, bodyStart, bodyLength, StandardCharsets.UTF_8);
        }
        return body;
    }

    /** How many header lines the event has, duplicates included. */
    public int headerCount() {
        return count;
    }

    /**
     * All headers, values still url-encoded, in wire order (the first of duplicates wins). Builds a String per header:
     * for diagnostics and tests, not for the ingest path.
     */
    public Map<String, String> rawHeaders() {
        if (rawHeaders == null) {
            Map<String, String> all = new LinkedHashMap<>(count * 2);
            for (int h = 0, k = 0; h < count; h++, k += 4) {
                byte[] d = bytesOf(h);
                all.putIfAbsent(new String(d, index[k], index[k + 1], StandardCharsets.UTF_8),
                        new String(d, index[k + 2], index[k + 3], StandardCharsets.UTF_8));
            }
            rawHeaders = Collections.unmodifiableMap(all);
        }
        return rawHeaders;
    }

    @Override
    public String toString() {
        // Deliberately short: variables can hold anything the dialplan put there.
        return "EslEvent[" + name() + " " + raw("Unique-ID") + " seq " + raw("Event-Sequence") + "]";
    }
}
