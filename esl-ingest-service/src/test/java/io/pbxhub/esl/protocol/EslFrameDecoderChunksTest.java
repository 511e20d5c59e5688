package io.pbxhub.esl.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body inside one chunk is used where it lies, one cut between two chunks is indexed in its two parts, one spanning
 * more is collected into an array of its own: all must give the same frames, whatever kind of buffer the chunk is.
 */
class EslFrameDecoderChunksTest {

    private static final int CREATE = WireCaptures.bytes("neventsocket_CHANNEL_CREATE.wire.txt").length;
    private static final byte[] WIRE = concat(WireCaptures.bytes("neventsocket_CHANNEL_CREATE.wire.txt"),
            WireCaptures.bytes("neventsocket_CHANNEL_BRIDGE.wire.txt"),
            WireCaptures.bytes("neventsocket_CHANNEL_HANGUP.wire.txt"));

    @Test
    void bodiesInOneTwoOrThreeChunksGiveTheSameEvents() {
        List<String> whole = fingerprints(decode(split(WIRE)));

        assertThat(whole).hasSize(3);
        // Cuts inside the second frame's body: once, then twice.
        assertThat(fingerprints(decode(split(WIRE, CREATE + 2000)))).isEqualTo(whole);
        assertThat(fingerprints(decode(split(WIRE, CREATE + 1000, CREATE + 3000)))).isEqualTo(whole);
    }

    @Test
    void aBodyCollectedFromSeveralChunksDoesNotChangeWhenTheCallerReusesThem() {
        List<byte[]> chunks = split(WIRE, CREATE + 1000, CREATE + 3000);
        List<EslFrame> frames = decode(chunks);
        List<String> before = fingerprints(frames);

        // The middle chunk holds nothing but the middle of the second body.
        Arrays.fill(chunks.get(1), (byte) 'x');

        assertThat(fingerprints(frames)).isEqualTo(before);
        assertThat(frames.get(1).event().name()).isEqualTo("CHANNEL_BRIDGE");
    }

    @Test
    void directAndOffsetBuffersDecodeLikeArrays() {
        List<String> expected = fingerprints(decode(split(WIRE)));
        ByteBuf direct = Unpooled.directBuffer(WIRE.length).writeBytes(WIRE);
        byte[] padded = concat(new byte[37], WIRE, new byte[11]);
        ByteBuf offset = Unpooled.wrappedBuffer(padded, 37, WIRE.length);

        assertThat(fingerprints(decode(Buffer.buffer(direct)))).isEqualTo(expected);
        assertThat(fingerprints(decode(Buffer.buffer(offset)))).isEqualTo(expected);
    }

    private static List<EslFrame> decode(List<byte[]> chunks) {
        List<EslFrame> frames = new ArrayList<>();
        EslFrameDecoder decoder = new EslFrameDecoder(frames::add, e -> {
            throw e;
        });
        chunks.forEach(c -> decoder.feed(c, 0, c.length));
        decoder.end();
        return frames;
    }

    private static List<EslFrame> decode(Buffer chunk) {
        List<EslFrame> frames = new ArrayList<>();
        EslFrameDecoder decoder = new EslFrameDecoder(frames::add, e -> {
            throw e;
        });
        decoder.feed(chunk);
        decoder.end();
        return frames;
    }

    /** {@code bytes} cut at the given offsets, each piece a fresh array. */
    private static List<byte[]> split(byte[] bytes, int... cuts) {
        List<byte[]> pieces = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            pieces.add(Arrays.copyOfRange(bytes, from, cut));
            from = cut;
        }
        pieces.add(Arrays.copyOfRange(bytes, from, bytes.length));
        return pieces;
    }

    /** Read afresh from the frame's bytes each time (raw values and bodies are not cached). */
    private static List<String> fingerprints(List<EslFrame> frames) {
        return frames.stream().map(f -> f.headers() + "|" + Base64.getEncoder().encodeToString(f.body()) + "|"
                + (f.event() == null ? "" : values(f.event()))).toList();
    }

    private static String values(EslEvent event) {
        StringBuilder all = new StringBuilder();
        event.rawHeaders().keySet().forEach(name -> all.append(name).append('=').append(event.raw(name)).append('\n'));
        return all.toString();
    }

    private static byte[] concat(byte[]... parts) {
        byte[] out = new byte[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
