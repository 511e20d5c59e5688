package io.pbxhub.esl.protocol;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

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
    /** The body being collected (exactly Content-Length bytes), or null while reading headers. */
    private byte[] body;
    private int bodyFilled;
    private boolean failed;

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

    public void feed(Buffer chunk) {
        feed(chunk, null, 0, chunk.length());
    }

    public void feed(byte[] bytes, int offset, int length) {
        feed(null, bytes, offset, length);
    }

    /**
     * Reads from either a Vert.x buffer or an array (the one that is not null). A body goes straight from the chunk
     * into
     * the frame's own array, which the event then keeps: one copy per byte of body.
     */
    private void feed(Buffer chunk, byte[] bytes, int offset, int length) {
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
                if (body != null) {
                    int n = Math.min(body.length - bodyFilled, stop - at);
                    copy(chunk, bytes, at, n, body, bodyFilled);
                    bodyFilled += n;
                    at += n;
                    if (bodyFilled == body.length) {
                        byte[] complete = body;
                        body = null;
                        emit(complete);
                    }
                } else {
                    int lf = indexOfLf(chunk, bytes, at, stop);
                    int upTo = lf < 0 ? stop : lf + 1;
                    int n = upTo - at;
                    if (headerBytes + end + n > maxHeaderBytes) {
                        throw new EslProtocolException("header block longer than " + maxHeaderBytes + " bytes");
                    }
                    if (buf.length - end < n) {
                        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, end + n));
                    }
                    copy(chunk, bytes, at, n, buf, end);
                    end += n;
                    at = upTo;
                    if (lf >= 0) {
                        headerLine();
                    }
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

    private static void copy(Buffer chunk, byte[] bytes, int from, int n, byte[] dst, int dstIndex) {
        if (chunk != null) {
            chunk.getBytes(from, from + n, dst, dstIndex);
        } else {
            System.arraycopy(bytes, from, dst, dstIndex, n);
        }
    }

    private static int indexOfLf(Buffer chunk, byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if ((chunk != null ? chunk.getByte(i) : bytes[i]) == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The peer closed the stream: a frame begun and not finished is reported as truncated. */
    public void end() {
        if (failed) {
            return;
        }
        boolean midFrame = body != null || !headers.isEmpty() || hasNonBlankPending();
        if (midFrame) {
            fail(new EslProtocolException(
                    "stream ended inside a frame (" + (body != null ? bodyFilled : end) + " bytes pending)"));
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
            emit(null);
        } else {
            body = new byte[(int) length];
            bodyFilled = 0;
        }
    }

    private void emit(byte[] frameBody) {
        Map<String, String> frameHeaders = headers;
        headers = new LinkedHashMap<>();
        headerBytes = 0;
        EslEvent event = frameBody != null && EslFrame.EVENT_PLAIN.equals(frameHeaders.get(EslFrame.CONTENT_TYPE))
                ? EslEvent.parsePlain(frameBody)
                : null;
        frames.accept(new EslFrame(frameHeaders, frameBody, event));
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
        body = null;
        headers = new LinkedHashMap<>();
        errors.accept(e);
    }
}
