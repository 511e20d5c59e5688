package io.pbxhub.esl.protocol;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The ESL frame decoder and event parser on the real channel-event captures, against a naive baseline that splits the
 * stream into lines and url-decodes every header. Both read the dozen headers the normalizer reads. One operation is
 * one event. Run with {@code ./mvnw -pl esl-ingest-service -Pjmh verify} (see docs/benchmarks.md); not a test.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EslParserBenchmark {

    static final List<String> CAPTURES = List.of("neventsocket_CHANNEL_CREATE.wire.txt",
            "neventsocket_CHANNEL_BRIDGE.wire.txt", "neventsocket_CHANNEL_HANGUP.wire.txt");
    /** Events per operation batch: the captures repeated, fed in TCP-sized chunks. */
    static final int EVENTS = 300;
    static final int CHUNK = 16 * 1024;
    static final String[] READ = {"Event-Name", "Unique-ID", "Channel-Call-UUID", "Core-UUID", "Event-Sequence",
            "Event-Date-Timestamp", "Caller-Caller-ID-Number", "Caller-Caller-ID-Name", "Caller-Destination-Number",
            "Call-Direction", "variable_domain_name", "Channel-Presence-ID", "Other-Leg-Unique-ID"};

    private byte[] stream;

    @Setup
    public void load() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < EVENTS / CAPTURES.size(); i++) {
            for (String capture : CAPTURES) {
                out.writeBytes(WireCaptures.bytes(capture));
            }
        }
        stream = out.toByteArray();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void decoder(Blackhole bh) {
        EslFrameDecoder decoder = new EslFrameDecoder(frame -> {
            EslEvent event = frame.event();
            for (String name : READ) {
                bh.consume(event.get(name));
            }
        }, error -> {
            throw error;
        });
        for (int at = 0; at < stream.length; at += CHUNK) {
            decoder.feed(stream, at, Math.min(CHUNK, stream.length - at));
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void naiveBaseline(Blackhole bh) {
        String text = new String(stream, StandardCharsets.UTF_8);
        int pos = 0;
        while (pos < text.length()) {
            int headEnd = text.indexOf("\n\n", pos);
            if (headEnd < 0) {
                break;
            }
            Map<String, String> outer = new HashMap<>();
            for (String line : text.substring(pos, headEnd).split("\n")) {
                String[] kv = line.split(": ", 2);
                if (kv.length == 2) {
                    outer.put(kv[0], kv[1]);
                }
            }
            int length = Integer.parseInt(outer.getOrDefault("Content-Length", "0").trim());
            String body = text.substring(headEnd + 2, headEnd + 2 + length);
            pos = headEnd + 2 + length;
            Map<String, String> headers = new HashMap<>();
            for (String line : body.split("\n")) {
                String[] kv = line.split(": ", 2);
                if (kv.length == 2) {
                    headers.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
                }
            }
            for (String name : READ) {
                bh.consume(headers.get(name));
            }
        }
    }
}
