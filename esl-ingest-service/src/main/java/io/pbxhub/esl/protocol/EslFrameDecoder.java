package io.pbxhub.esl.protocol;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;

/**
 * Turns the byte stream of one ESL connection into frames. TCP splits the stream anywhere, so bytes are buffered until
 * a frame is complete: header lines up to a blank line (LF, CRLF tolerated), then exactly {@code Content-Length}
 * <em>bytes</em> of body. Works on bytes throughout, so a multi-byte UTF-8 character split between two chunks is never
 * mangled. Not thread-safe: one decoder per connection, fed from its event loop.
 * <p>
 * Malformed input never throws: the decoder reports one {@link EslProtocolException} to the error handler and ignores
 * everything after it, since a stream that lost its framing cannot be trusted again.
 */
public final class EslFrameDecoder {

    /** Larger than any real header block (FreeSWITCH's own reader caps a header block well below this). */
    public static final int DEFAULT_MAX_HEADER_BYTES = 64 * 1024;
    /** A channel event is 5-15 KiB; this leaves room for huge SDPs and variables without trusting any length. */
    public static final int DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

    private final Consumer<EslFrame> frames;
    private final Consumer<EslProtocolException> errors;
    private final int maxHeaderBytes;
    private final int maxBodyBytes;

    /** The header line being assembled: buf[0, end). Only header lines pass through it, never a body. */
    private byte[] buf = new byte[1024];
    private int end;
    private Map<String, String> headers = new LinkedHashMap<>();
    private int headerBytes;
    /** Content-Length of the frame whose body is due, or -1 while reading headers. */
    private int bodyLength = -1;
    /** The first part of a body that goes on in the next chunk, {@code head[headStart, headStart + bodyFilled)}. */
    private byte[] head;
    private int headStart;
    /** A body that spans more than two chunks, being collected; else null. */
    private byte[] body;
    private int bodyFilled;
    private boolean failed;
    private final EslEvent.Scratch scratch = new EslEvent.Scratch();

    public EslFrameDecoder(Consumer<EslFrame> frames, Consumer<EslProtocolException> errors) {
        this(frames, errors, DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_BODY_BYTES);
    }

    public EslFrameDecoder(Consumer<EslFrame> frames, Consumer<EslProtocolException> errors, int maxHeaderBytes,
            int maxBodyBytes) {
        this.frames = frames;
        this.errors = errors;
        this.maxHeaderBytes = maxHeaderBytes;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Feeds what one socket read delivered. The decoder keeps references into the chunk (a body inside it is not
     * copied): the chunk must not change afterwards. A Vert.x socket handler gets a heap buffer of its own for each
     * read (Vert.x copies the pooled read buffer into a fresh one before calling it) and nobody writes to it.
     */
    @SuppressWarnings("deprecation") // getByteBuf: Vert.x 5 moves it to BufferInternal
    public void feed(Buffer chunk) {
        ByteBuf bytes = chunk.getByteBuf();
        if (bytes.hasArray()) {
            feed(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes());
        } else {
            feed(chunk.getBytes(), 0, chunk.length());
        }
    }

    /** Feeds {@code bytes[offset, offset + length)}, which must not change afterwards (see {@link #feed(Buffer)}). */
    public void feed(byte[] bytes, int offset, int length) {
        if (failed || length == 0) {
            return;
        }
        long[] readAt = SocketReadClock.slot();
        long outer = readAt[0];
        readAt[0] = System.nanoTime();
        try {
            int at = offset;
            int stop = offset + length;
            while (at < stop && !failed) {
                if (bodyLength >= 0) {
                    at = body(bytes, at, stop);
                } else {
                    at = header(bytes, at, stop);
                }
            }
        } catch (EslProtocolException e) {
            fail(e);
        } catch (RuntimeException e) {
            fail(new EslProtocolException("cannot decode frame: " + e, e));
        } finally {
            readAt[0] = outer;
        }
    }

    /**
     * Takes body bytes from {@code bytes[at, stop)}; returns where the next frame starts. A body that lies whole in
     * this chunk is used where it lies, one in two chunks where its two parts lie (a fresh array per event would be
     * written into cold memory, see docs/benchmarks.md); a longer one is collected into an array of its own.
     */
    private int body(byte[] bytes, int at, int stop) {
        if (body == null && head == null) {
            if (stop - at >= bodyLength) {
                int length = bodyLength;
                bodyLength = -1;
                emit(bytes, at, length, null, 0, 0);
                return at + length;
            }
            head = bytes;
            headStart = at;
            bodyFilled = stop - at;
            return stop;
        }
        if (head != null) {
            int rest = bodyLength - bodyFilled;
            if (stop - at >= rest) {
                byte[] first = head;
                head = null;
                bodyLength = -1;
                emit(first, headStart, bodyFilled, bytes, at, rest);
                return at + rest;
            }
            body = new byte[bodyLength];
            System.arraycopy(head, headStart, body, 0, bodyFilled);
            head = null;
        }
        int n = Math.min(bodyLength - bodyFilled, stop - at);
        System.arraycopy(bytes, at, body, bodyFilled, n);
        bodyFilled += n;
        if (bodyFilled == bodyLength) {
            byte[] complete = body;
            body = null;
            bodyLength = -1;
            emit(complete, 0, complete.length, null, 0, 0);
        }
        return at + n;
    }

    /** Takes header bytes from {@code bytes[at, stop)} up to and including the next LF; returns where it stopped. */
    private int header(byte[] bytes, int at, int stop) {
        int lf = at;
        while (lf < stop && bytes[lf] != '\n') {
            lf++;
        }
        int upTo = lf < stop ? lf + 1 : stop;
        int n = upTo - at;
        if (headerBytes + end + n > maxHeaderBytes) {
            throw new EslProtocolException("header block longer than " + maxHeaderBytes + " bytes");
        }
        if (buf.length - end < n) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, end + n));
        }
        System.arraycopy(bytes, at, buf, end, n);
        end += n;
        if (lf < stop) {
            headerLine();
        }
        return upTo;
    }

    /** The peer closed the stream: a frame begun and not finished is reported as truncated. */
    public void end() {
        if (failed) {
            return;
        }
        boolean midFrame = bodyLength >= 0 || !headers.isEmpty() || hasNonBlankPending();
        if (midFrame) {
            fail(new EslProtocolException(
                    "stream ended inside a frame (" + (bodyLength >= 0 ? bodyFilled : end) + " bytes pending)"));
        }
    }

    /** True once a protocol error was reported; the decoder then ignores all input. */
    public boolean failed() {
        return failed;
    }

    /** buf[0, end) is one whole line, LF included. */
    private void headerLine() {
        int lineLength = end;
        int lineEnd = end - 1;
        if (lineEnd > 0 && buf[lineEnd - 1] == '\r') {
            lineEnd--;
        }
        end = 0;
        headerBytes += lineLength;
        if (lineEnd == 0) {
            if (headers.isEmpty()) {
                // FreeSWITCH's reader skips stray line ends between frames; so do we.
                headerBytes = 0;
                return;
            }
            headersComplete();
            return;
        }
        EslHeaderLine.parse(buf, 0, lineEnd, headers);
    }

    private void headersComplete() {
        if (!headers.containsKey(EslFrame.CONTENT_TYPE)) {
            throw new EslProtocolException("frame without Content-Type: " + headers.keySet());
        }
        String contentLength = headerIgnoringCase(EslFrame.CONTENT_LENGTH);
        long length = contentLength == null ? 0 : EslHeaderLine.parseContentLength(contentLength, maxBodyBytes);
        if (length == 0) {
            emit(null, 0, 0, null, 0, 0);
        } else {
            bodyLength = (int) length;
            bodyFilled = 0;
        }
    }

    /**
     * Hands on the frame whose body is {@code bytes[from, from + length)} ({@code bytes} null: no body), followed by
     * {@code rest[restFrom, restFrom + restLength)} when it came in two chunks ({@code rest} null: in one).
     */
    private void emit(byte[] bytes, int from, int length, byte[] rest, int restFrom, int restLength) {
        Map<String, String> frameHeaders = headers;
        headers = new LinkedHashMap<>();
        headerBytes = 0;
        EslEvent event = null;
        if (bytes != null && EslFrame.EVENT_PLAIN.equals(frameHeaders.get(EslFrame.CONTENT_TYPE))) {
            event = rest == null
                    ? EslEvent.parsePlain(bytes, from, from + length, scratch)
                    : EslEvent.parsePlain(bytes, from, from + length, rest, restFrom, restFrom + restLength, scratch);
        }
        frames.accept(new EslFrame(frameHeaders, bytes, from, length, rest, restFrom, restLength, event));
    }

    private String headerIgnoringCase(String name) {
        String exact = headers.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    private boolean hasNonBlankPending() {
        for (int i = 0; i < end; i++) {
            if (buf[i] != '\n' && buf[i] != '\r') {
                return true;
            }
        }
        return false;
    }

    private void fail(EslProtocolException e) {
        failed = true;
        buf = new byte[0];
        end = 0;
        head = null;
        body = null;
        bodyLength = -1;
        headers = new LinkedHashMap<>();
        errors.accept(e);
    }
}
