package io.pbxhub.esl.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.vertx.core.buffer.Buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class EslFrameDecoderTest {

    /** Collects what a decoder reports. */
    private static final class Sink {
        final List<EslFrame> frames = new ArrayList<>();
        final List<EslProtocolException> errors = new ArrayList<>();
        final EslFrameDecoder decoder = new EslFrameDecoder(frames::add, errors::add);

        Sink feed(String text) {
            return feed(text.getBytes(StandardCharsets.UTF_8));
        }

        Sink feed(byte[] bytes) {
            decoder.feed(Buffer.buffer(bytes));
            return this;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {WireCaptures.EXAMPLE1, WireCaptures.INBOUND_BGAPI})
    void capturesDecodeToTheSameFramesWholeByteByByteAndInRandomSplits(String capture) {
        byte[] wire = WireCaptures.bytes(capture);
        List<String> whole = fingerprints(decodeInChunks(wire, new int[]{wire.length}));

        assertThat(whole).isNotEmpty();
        int[] ones = new int[wire.length];
        Arrays.fill(ones, 1);
        assertThat(fingerprints(decodeInChunks(wire, ones))).isEqualTo(whole);
        for (long seed = 1; seed <= 25; seed++) {
            assertThat(fingerprints(decodeInChunks(wire, randomSplits(wire.length, new Random(seed)))))
                    .as("random split, seed %d", seed).isEqualTo(whole);
        }
    }

    @Test
    void outboundSessionHasAll27FramesInWireOrder() {
        List<EslFrame> frames = WireCaptures.frames(WireCaptures.EXAMPLE1);

        assertThat(frames).hasSize(27);
        assertThat(frames).extracting(EslFrame::contentType).containsExactly(
                "command/reply", "command/reply", "command/reply", "command/reply", "text/event-plain",
                "text/event-plain", "text/event-plain", "command/reply", "text/event-plain", "command/reply",
                "command/reply", "text/event-plain", "api/response", "command/reply", "text/event-plain",
                "text/event-plain", "text/event-plain", "text/event-plain", "api/response", "text/event-plain",
                "text/disconnect-notice", "text/event-plain", "text/event-plain", "text/event-plain",
                "text/event-plain", "command/reply", "text/disconnect-notice");
        // The outbound connect reply is a headers-only block whose Reply-Text is url-encoded.
        assertThat(frames.get(0).header("Reply-Text")).isEqualTo("%2BOK%0A");
        assertThat(frames.get(0).header("Socket-Mode")).isEqualTo("async");
        assertThat(frames.get(4).event().name()).isEqualTo("CHANNEL_PROGRESS_MEDIA");
        assertThat(frames.get(4).bodyLength()).isEqualTo(6285);
        // api/response has Content-Type before Content-Length, events the other way round.
        assertThat(frames.get(12).bodyText()).isEqualTo("+OK\n");
        assertThat(frames.get(20).header("Content-Disposition")).isEqualTo("linger");
        assertThat(frames.get(20).bodyLength()).isZero();
        assertThat(frames.get(26).bodyText())
                .isEqualTo("Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n");
    }

    @Test
    void inboundSessionCarriesTheBackgroundJobResultAsTheEventBody() {
        List<EslFrame> frames = WireCaptures.frames(WireCaptures.INBOUND_BGAPI);

        assertThat(frames).extracting(EslFrame::contentType).containsExactly("auth/request", "command/reply",
                "command/reply", "command/reply", "text/event-plain");
        assertThat(frames).extracting(EslFrame::replyText).containsExactly("", "+OK accepted",
                "+OK event listener enabled plain", "+OK Job-UUID: 43e14ab9-38b1-4187-9f08-e13f35136bb2", "");
        EslEvent job = frames.get(4).event();
        assertThat(job.name()).isEqualTo("BACKGROUND_JOB");
        assertThat(job.get("Job-UUID")).isEqualTo("43e14ab9-38b1-4187-9f08-e13f35136bb2");
        assertThat(job.body()).isEqualTo("-ERR RECOVERY_ON_TIMER_EXPIRE\n");
        assertThat(job.get("Job-Command-Arg"))
                .startsWith("sofia/external/1000@10.10.10.108:5070 &playback(C:\\\\temp\\\\misc");
    }

    @Test
    void logAndJsonFramesPassThroughWithTheirBodyButNoPlainEvent() {
        EslFrame log = WireCaptures.frames("greenswitch_log_data.wire.txt").get(0);
        EslFrame json = WireCaptures.frames("freeswitch-esl-cr_API.event-json.wire.txt").get(0);
        EslFrame api = WireCaptures.frames("neventsocket_api_response.wire.txt").get(0);

        assertThat(log.contentType()).isEqualTo("log/data");
        assertThat(log.header("Log-Level")).isEqualTo("7");
        assertThat(log.bodyLength()).isEqualTo(126);
        assertThat(log.event()).isNull();
        assertThat(json.contentType()).isEqualTo("text/event-json");
        assertThat(json.bodyLength()).isEqualTo(540);
        assertThat(json.bodyText()).startsWith("{\"Event-Name\":\"API\"").endsWith("}");
        assertThat(json.event()).isNull();
        assertThat(api.bodyText()).isEqualTo("+OK\n");
    }

    @Test
    void eventValuesStayEncodedUntilAskedFor() {
        EslEvent create = WireCaptures.event(WireCaptures.EXAMPLE1, "CHANNEL_CREATE", 0);

        assertThat(create.raw("Event-Date-Local")).isEqualTo("2015-01-06%2015%3A12%3A42");
        assertThat(create.get("Event-Date-Local")).isEqualTo("2015-01-06 15:12:42");
        assertThat(create.get("Channel-Presence-ID")).isEqualTo("1003@dan-win8-dev.home");
        assertThat(create.get("No-Such-Header")).isNull();
    }

    @Test
    void plusStaysPlusAndOnlyPercentEscapesAreDecoded() {
        assertThat(EslValues.urlDecode("%2B61291234567")).isEqualTo("+61291234567");
        assertThat(EslValues.urlDecode("a+b")).isEqualTo("a+b");
        assertThat(EslValues.urlDecode("100%25%20sure")).isEqualTo("100% sure");
        assertThat(EslValues.urlDecode("Zo%C3%AB%20%E6%97%A5%E6%9C%AC")).isEqualTo("Zoë 日本");
        // A stray '%' is kept rather than failing the whole event.
        assertThat(EslValues.urlDecode("50%")).isEqualTo("50%");
        assertThat(EslValues.urlDecode("%zz%4")).isEqualTo("%zz%4");
    }

    @Test
    void multiByteUtf8SplitAcrossChunksIsNotMangled() {
        String text = "Grüße aus 日本 — ok\n";
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] frame = concat(("Content-Type: api/response\nContent-Length: " + body.length + "\n\n")
                .getBytes(StandardCharsets.UTF_8), body);
        int[] ones = new int[frame.length];
        Arrays.fill(ones, 1);

        List<EslFrame> frames = decodeInChunks(frame, ones);

        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).bodyText()).isEqualTo(text);
        // Content-Length counts bytes, not characters.
        assertThat(frames.get(0).bodyLength()).isEqualTo(body.length).isGreaterThan(text.length());
    }

    @Test
    void crlfLineEndsAndStrayBlankLinesBetweenFramesAreTolerated() {
        Sink sink = new Sink().feed("\r\n\nContent-Type: auth/request\r\n\r\n\n"
                + "Content-Type: command/reply\r\nReply-Text: +OK accepted\r\n\r\n");

        assertThat(sink.errors).isEmpty();
        assertThat(sink.frames).extracting(EslFrame::contentType).containsExactly("auth/request", "command/reply");
        assertThat(sink.frames.get(1).replyText()).isEqualTo("+OK accepted");
    }

    @Test
    void aFrameIsOnlyDeliveredOnceItsWholeBodyArrived() {
        Sink sink = new Sink().feed("Content-Length: 15\nContent-Type: text/event-plain\n\nEvent-Nam");

        assertThat(sink.frames).isEmpty();
        sink.feed("e: X\n\n");

        assertThat(sink.errors).isEmpty();
        assertThat(sink.frames).singleElement().extracting(f -> f.event().name()).isEqualTo("X");
    }

    @Test
    void bodyLengthIsExactSoTheNextFrameStartsRightAfterIt() {
        Sink sink = new Sink().feed("Content-Type: api/response\nContent-Length: 4\n\n+OK\n"
                + "Content-Type: command/reply\nReply-Text: +OK\n\n");

        assertThat(sink.frames).extracting(EslFrame::bodyText).containsExactly("+OK\n", "");
        assertThat(sink.frames.get(1).replyText()).isEqualTo("+OK");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "12abc", "", "0x10", "1e3", "99999999999999999999", "4294967296"})
    void badContentLengthIsAProtocolErrorNotAnException(String length) {
        Sink sink = new Sink();

        assertThatCode(() -> sink.feed("Content-Type: api/response\nContent-Length: " + length + "\n\n+OK\n"))
                .doesNotThrowAnyException();

        assertThat(sink.frames).isEmpty();
        assertThat(sink.errors).singleElement().extracting(Throwable::getMessage).asString()
                .contains("Content-Length");
    }

    @Test
    void aLengthAboveTheLimitIsRefusedBeforeAnyBodyIsBuffered() {
        List<EslProtocolException> errors = new ArrayList<>();
        EslFrameDecoder decoder = new EslFrameDecoder(f -> {
        }, errors::add, 1024, 4096);

        decoder.feed(Buffer.buffer("Content-Type: text/event-plain\nContent-Length: 4097\n\n"));

        assertThat(errors).singleElement().extracting(Throwable::getMessage).asString().contains("exceeds");
    }

    @Test
    void aTruncatedFrameIsReportedWhenTheStreamEnds() {
        Sink sink = new Sink().feed("Content-Length: 100\nContent-Type: text/event-plain\n\nEvent-Name: CHANNEL_");

        assertThat(sink.errors).isEmpty();
        sink.decoder.end();

        assertThat(sink.frames).isEmpty();
        assertThat(sink.errors).singleElement().extracting(Throwable::getMessage).asString().contains("ended inside");
    }

    @Test
    void aStreamEndingBetweenFramesIsClean() {
        Sink sink = new Sink().feed("Content-Type: auth/request\n\n\n");

        sink.decoder.end();

        assertThat(sink.frames).hasSize(1);
        assertThat(sink.errors).isEmpty();
    }

    @Test
    void binaryGarbageIsOneProtocolErrorAndEverythingAfterItIsIgnored() {
        byte[] garbage = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03, '\n', '\n'};
        Sink sink = new Sink().feed(garbage);

        sink.feed("Content-Type: auth/request\n\n");

        assertThat(sink.frames).isEmpty();
        assertThat(sink.errors).singleElement().extracting(Throwable::getMessage).asString().contains("control byte");
        assertThat(sink.decoder.failed()).isTrue();
    }

    @Test
    void aHeaderLineWithoutColonOrAFrameWithoutContentTypeIsAProtocolError() {
        assertThat(new Sink().feed("HTTP/1.1 200 OK\n\n").errors).singleElement()
                .extracting(Throwable::getMessage).asString().contains("malformed header line");
        assertThat(new Sink().feed("Reply-Text: +OK\n\n").errors).singleElement()
                .extracting(Throwable::getMessage).asString().contains("without Content-Type");
    }

    @Test
    void anEndlessHeaderLineIsCutOffAtTheLimit() {
        Sink sink = new Sink();
        byte[] chunk = new byte[8192];
        Arrays.fill(chunk, (byte) 'a');

        for (int i = 0; i < 20; i++) {
            sink.feed(chunk);
        }

        assertThat(sink.errors).singleElement().extracting(Throwable::getMessage).asString()
                .contains("header block longer");
    }

    @Test
    void aMalformedEventBodyIsAProtocolError() {
        String body = "Event-Name: HEARTBEAT\nthis line has no colon\n\n";
        Sink sink = new Sink()
                .feed("Content-Length: " + body.length() + "\nContent-Type: text/event-plain\n\n" + body);

        assertThat(sink.frames).isEmpty();
        assertThat(sink.errors).singleElement().extracting(Throwable::getMessage).asString()
                .contains("malformed header line");
    }

    @Test
    void randomBytesNeverThrowAndReportAtMostOneError() {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            byte[] noise = new byte[random.nextInt(4096) + 1];
            random.nextBytes(noise);
            if (round % 3 == 0) {
                // Start like a real frame so the garbage hits the body and length paths too.
                noise = concat(
                        "Content-Length: 12\nContent-Type: text/event-plain\n\n".getBytes(StandardCharsets.UTF_8),
                        noise);
            }
            Sink sink = new Sink();
            byte[] input = noise;
            assertThatCode(() -> {
                for (int from = 0, step; from < input.length; from += step) {
                    step = Math.min(input.length - from, random.nextInt(64) + 1);
                    sink.feed(Arrays.copyOfRange(input, from, from + step));
                }
                sink.decoder.end();
            }).doesNotThrowAnyException();
            assertThat(sink.errors).hasSizeLessThanOrEqualTo(1);
        }
    }

    private static List<EslFrame> decodeInChunks(byte[] wire, int[] chunkSizes) {
        List<EslFrame> frames = new ArrayList<>();
        List<EslProtocolException> errors = new ArrayList<>();
        EslFrameDecoder decoder = new EslFrameDecoder(frames::add, errors::add);
        int from = 0;
        for (int size : chunkSizes) {
            decoder.feed(Buffer.buffer(Arrays.copyOfRange(wire, from, from + size)));
            from += size;
        }
        decoder.end();
        assertThat(from).isEqualTo(wire.length);
        assertThat(errors).isEmpty();
        return frames;
    }

    private static int[] randomSplits(int length, Random random) {
        List<Integer> sizes = new ArrayList<>();
        int left = length;
        while (left > 0) {
            int size = Math.min(left, 1 + random.nextInt(random.nextBoolean() ? 16 : 4000));
            sizes.add(size);
            left -= size;
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    private static List<String> fingerprints(List<EslFrame> frames) {
        return frames.stream().map(f -> f.headers() + "|" + Base64.getEncoder().encodeToString(f.body()) + "|"
                + (f.event() == null ? "" : f.event().rawHeaders() + "|" + f.event().body())).toList();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
