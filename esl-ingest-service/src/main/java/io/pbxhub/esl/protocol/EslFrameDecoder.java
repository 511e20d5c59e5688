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

    private byte[] buf = new byte[16 * 1024];
    /** Unconsumed bytes are buf[start, end). */
    private int start;
    private int end;
    /** Where the search for the next LF resumes, so a slowly arriving line is not rescanned. */
    private int scan;
    private Map<String, String> headers = new LinkedHashMap<>();
    private int headerBytes;
    /** -1 while reading headers, else the body length still to collect. */
    private int bodyLength = -1;
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
        if (failed || chunk.length() == 0) {
            return;
        }
        ensureRoom(chunk.length());
        chunk.getBytes(buf, end);
        end += chunk.length();
        drain();
    }

    public void feed(byte[] bytes, int offset, int length) {
        if (failed || length == 0) {
            return;
        }
        ensureRoom(length);
        System.arraycopy(bytes, offset, buf, end, length);
        end += length;
        drain();
    }

    /** The peer closed the stream: a frame begun and not finished is reported as truncated. */
    public void end() {
        if (failed) {
            return;
        }
        boolean midFrame = bodyLength >= 0 || !headers.isEmpty() || hasNonBlankPending();
        if (midFrame) {
            fail(new EslProtocolException("stream ended inside a frame (" + (end - start) + " bytes pending)"));
        }
    }

    /** True once a protocol error was reported; the decoder then ignores all input. */
    public boolean failed() {
        return failed;
    }

    private void drain() {
        try {
            while (!failed && (bodyLength >= 0 ? readBody() : readHeaderLine())) {
                // each step consumed a line or a body
            }
        } catch (EslProtocolException e) {
            fail(e);
        } catch (RuntimeException e) {
            fail(new EslProtocolException("cannot decode frame: " + e, e));
        }
    }

    private boolean readHeaderLine() {
        int lf = -1;
        for (int i = scan; i < end; i++) {
            if (buf[i] == '\n') {
                lf = i;
                break;
            }
        }
        if (lf < 0) {
            scan = end;
            if (headerBytes + (end - start) > maxHeaderBytes) {
                throw new EslProtocolException("header block longer than " + maxHeaderBytes + " bytes");
            }
            return false;
        }
        int lineEnd = lf > start && buf[lf - 1] == '\r' ? lf - 1 : lf;
        int lineLength = lf + 1 - start;
        headerBytes += lineLength;
        if (headerBytes > maxHeaderBytes) {
            throw new EslProtocolException("header block longer than " + maxHeaderBytes + " bytes");
        }
        if (lineEnd == start) {
            consume(lineLength);
            if (headers.isEmpty()) {
                // FreeSWITCH's reader skips stray line ends between frames; so do we.
                headerBytes = 0;
                return true;
            }
            headersComplete();
            return true;
        }
        EslHeaderLine.parse(buf, start, lineEnd, headers);
        consume(lineLength);
        return true;
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
            bodyLength = (int) length;
        }
    }

    private boolean readBody() {
        if (end - start < bodyLength) {
            ensureRoom(bodyLength - (end - start));
            return false;
        }
        byte[] body = Arrays.copyOfRange(buf, start, start + bodyLength);
        consume(bodyLength);
        emit(body);
        return true;
    }

    private void emit(byte[] body) {
        Map<String, String> frameHeaders = headers;
        headers = new LinkedHashMap<>();
        headerBytes = 0;
        bodyLength = -1;
        EslEvent event = body != null && EslFrame.EVENT_PLAIN.equals(frameHeaders.get(EslFrame.CONTENT_TYPE))
                ? EslEvent.parsePlain(body)
                : null;
        frames.accept(new EslFrame(frameHeaders, body, event));
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

    private void consume(int n) {
        start += n;
        if (start == end) {
            start = 0;
            end = 0;
        }
        scan = start;
    }

    private boolean hasNonBlankPending() {
        for (int i = start; i < end; i++) {
            if (buf[i] != '\n' && buf[i] != '\r') {
                return true;
            }
        }
        return false;
    }

    /** Makes room for {@code more} bytes after {@code end}, compacting before growing. */
    private void ensureRoom(int more) {
        if (buf.length - end >= more) {
            return;
        }
        int pending = end - start;
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, pending);
            scan -= start;
            start = 0;
            end = pending;
        }
        if (buf.length - end < more) {
            long wanted = Math.max((long) buf.length * 2, (long) pending + more);
            buf = Arrays.copyOf(buf, (int) Math.min(wanted, Integer.MAX_VALUE - 8));
        }
    }

    private void fail(EslProtocolException e) {
        failed = true;
        buf = new byte[0];
        start = 0;
        end = 0;
        scan = 0;
        headers = new LinkedHashMap<>();
        errors.accept(e);
    }
}
