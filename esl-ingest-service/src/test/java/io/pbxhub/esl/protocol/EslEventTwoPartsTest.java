package io.pbxhub.esl.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body cut between two socket reads is indexed where its two parts lie: cut anywhere, it must read exactly like the
 * same bytes in one piece, errors included.
 */
class EslEventTwoPartsTest {

    @Test
    void randomHeaderBlocksCutAnywhereParseLikeTheWholeBlock() {
        Random random = new Random(23);
        byte[] rare = {':', ' ', '\t', '\r', '\n', 0x01, 0x7F, (byte) 0xC3, (byte) 0xA9};
        EslEvent.Scratch scratch = new EslEvent.Scratch();
        for (int round = 0; round < 2_000; round++) {
            StringBuilder block = new StringBuilder();
            int lines = 1 + random.nextInt(4);
            for (int l = 0; l < lines; l++) {
                block.append("x".repeat(random.nextInt(30))).append(": ").append("v".repeat(random.nextInt(30)))
                        .append(random.nextInt(4) == 0 ? "\r\n" : "\n");
            }
            if (random.nextInt(4) == 0) {
                block.append(random.nextBoolean() ? "\n" : "\r\n");
                if (random.nextBoolean()) {
                    block.insert(0, "Content-Length: 5\n").append("body!");
                }
            }
            byte[] bytes = block.toString().getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 0; i < bytes.length; i++) {
                if (random.nextInt(40) == 0) {
                    bytes[i] = rare[random.nextInt(rare.length)];
                }
            }
            String whole = outcome(() -> describe(EslEvent.parsePlain(bytes.clone())));
            for (int cut = 1; cut < bytes.length; cut++) {
                // Each part in an array of its own, at an offset, with other bytes around it.
                byte[] head = padded(bytes, 0, cut, 3);
                byte[] tail = padded(bytes, cut, bytes.length, 5);
                int headTo = 3 + cut;
                int tailTo = 5 + bytes.length - cut;
                assertThat(outcome(() -> describe(EslEvent.parsePlain(head, 3, headTo, tail, 5, tailTo, scratch))))
                        .as("round %d, cut %d: %s", round, cut, new String(bytes, StandardCharsets.ISO_8859_1))
                        .isEqualTo(whole);
            }
        }
    }

    @Test
    void realEventsCutAtEveryByteOfABodyDecodeLikeTheWholeStream() {
        byte[] create = WireCaptures.bytes("neventsocket_CHANNEL_CREATE.wire.txt");
        byte[] bridge = WireCaptures.bytes("neventsocket_CHANNEL_BRIDGE.wire.txt");
        byte[] wire = Arrays.copyOf(create, create.length + bridge.length);
        System.arraycopy(bridge, 0, wire, create.length, bridge.length);
        List<String> expected = decode(List.of(wire));
        assertThat(expected).hasSize(2);

        for (int cut = create.length + 1; cut < wire.length; cut++) {
            List<byte[]> chunks = List.of(Arrays.copyOfRange(wire, 0, cut), Arrays.copyOfRange(wire, cut, wire.length));
            assertThat(decode(chunks)).as("cut at %d", cut).isEqualTo(expected);
        }
    }

    private static List<String> decode(List<byte[]> chunks) {
        List<String> frames = new ArrayList<>();
        EslFrameDecoder decoder = new EslFrameDecoder(f -> frames.add(f.headers() + "|" + f.bodyLength() + "|"
                + Arrays.hashCode(f.body()) + "|" + f.bodyText().hashCode() + "|" + describe(f.event())), e -> {
                    throw e;
                });
        chunks.forEach(c -> decoder.feed(c, 0, c.length));
        decoder.end();
        return frames;
    }

    /** Every header as found by a lookup, raw and decoded, so that each header's array and offsets are used. */
    private static String describe(EslEvent event) {
        StringBuilder all = new StringBuilder().append(event.headerCount()).append(' ').append(event.body());
        event.rawHeaders().forEach((name, value) -> all.append('\n').append(name).append('=').append(value).append('=')
                .append(event.raw(name)).append('=').append(event.get(name)));
        return all.toString();
    }

    private static byte[] padded(byte[] bytes, int from, int to, int pad) {
        byte[] out = new byte[pad + to - from + pad];
        Arrays.fill(out, (byte) '\n');
        System.arraycopy(bytes, from, out, pad, to - from);
        return out;
    }

    private static String outcome(Supplier<String> parse) {
        try {
            return parse.get();
        } catch (EslProtocolException e) {
            return "error: " + e.getMessage();
        }
    }
}
