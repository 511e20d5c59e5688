package io.pbxhub.billing.cdr;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import org.postgresql.util.ByteConverter;

/**
 * Rows in PostgreSQL's binary {@code COPY} format, built in memory. Binary rather than text because the server then
 * reads uuids, numbers and times without parsing text and there is nothing to escape: a text value goes as its UTF-8
 * bytes, whatever it holds (the server still checks the encoding and refuses NUL, as for a bound parameter). Each
 * value must be written with the type of its column; the server checks only lengths.
 */
final class BinaryCopyRows {

    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
            0, 0, 0, 0, // flags: no OIDs
            0, 0, 0, 0 // no header extension
    };
    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch for timestamps, in seconds since 1970. */
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;

    private byte[] bytes;
    private int size;

    BinaryCopyRows(int expectedBytes) {
        bytes = new byte[Math.max(expectedBytes, 64)];
        put(HEADER, 0, HEADER.length);
    }

    byte[] bytes() {
        return bytes;
    }

    /** How many bytes are written, the trailer included once {@link #end()} was called. */
    int size() {
        return size;
    }

    BinaryCopyRows row(int columns) {
        ensure(2);
        putShort(columns);
        return this;
    }

    BinaryCopyRows end() {
        ensure(2);
        putShort(-1);
        return this;
    }

    BinaryCopyRows nullValue() {
        ensure(4);
        putInt(-1);
        return this;
    }

    BinaryCopyRows text(String value) {
        if (value == null) {
            return nullValue();
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        ensure(4 + utf8.length);
        putInt(utf8.length);
        put(utf8, 0, utf8.length);
        return this;
    }

    /** An enum constant by name, as a text column holds it. */
    BinaryCopyRows text(Enum<?> value) {
        return text(value == null ? null : value.name());
    }

    BinaryCopyRows uuid(UUID value) {
        if (value == null) {
            return nullValue();
        }
        ensure(20);
        putInt(16);
        putLong(value.getMostSignificantBits());
        putLong(value.getLeastSignificantBits());
        return this;
    }

    BinaryCopyRows int8(long value) {
        ensure(12);
        putInt(8);
        putLong(value);
        return this;
    }

    BinaryCopyRows int8(Long value) {
        return value == null ? nullValue() : int8(value.longValue());
    }

    BinaryCopyRows int4(int value) {
        ensure(8);
        putInt(4);
        putInt(value);
        return this;
    }

    BinaryCopyRows int4(Integer value) {
        return value == null ? nullValue() : int4(value.intValue());
    }

    /**
     * A {@code timestamptz}: microseconds since 2000-01-01 UTC, nanoseconds rounded half up as pgjdbc rounds them
     * when it sends a time as text.
     */
    BinaryCopyRows timestamptz(Instant value) {
        if (value == null) {
            return nullValue();
        }
        ensure(12);
        putInt(8);
        putLong(micros(value));
        return this;
    }

    static long micros(Instant value) {
        int nanos = value.getNano();
        long micros = nanos / 1000 + (nanos % 1000 >= 500 ? 1 : 0);
        return Math.addExact(Math.multiplyExact(value.getEpochSecond() - POSTGRES_EPOCH_SECONDS, 1_000_000L), micros);
    }

    BinaryCopyRows numeric(BigDecimal value) {
        if (value == null) {
            return nullValue();
        }
        byte[] numeric = ByteConverter.numeric(value);
        ensure(4 + numeric.length);
        putInt(numeric.length);
        put(numeric, 0, numeric.length);
        return this;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    private void put(byte[] from, int offset, int length) {
        System.arraycopy(from, offset, bytes, size, length);
        size += length;
    }

    private void putShort(int value) {
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
    }

    private void putInt(int value) {
        bytes[size++] = (byte) (value >>> 24);
        bytes[size++] = (byte) (value >>> 16);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
    }

    private void putLong(long value) {
        putInt((int) (value >>> 32));
        putInt((int) value);
    }
}
