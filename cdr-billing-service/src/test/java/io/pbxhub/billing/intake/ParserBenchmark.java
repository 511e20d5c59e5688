package io.pbxhub.billing.intake;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.pbxhub.contracts.RawCdr;

/**
 * Reading a {@code cdr-raw} record, one operation per record, records as {@code IntakeLoadBenchmark} produces them:
 * the checking pass then binding (intake before 2026-11-23 round 3), binding alone (the floor of any binding-based
 * reading), and {@link PlainCdrReader}.
 * <p>
 * {@code ./mvnw -o -pl cdr-billing-service -am -Pjmh verify -DskipTests -Djmh.args=ParserBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class ParserBenchmark {

    private static final int RECORDS = 1024;
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectReader BINDING = JsonMapper.builder().addModule(new JavaTimeModule())
            .addModule(new SimpleModule().addDeserializer(Instant.class, new UtcInstantDeserializer()))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build().readerFor(RawCdr.class);

    private byte[][] records;
    private int next;

    @Setup
    public void records() {
        records = new byte[RECORDS][];
        UUID instance = UUID.randomUUID();
        Instant start = Instant.parse("2026-03-01T08:00:00Z");
        for (int i = 0; i < RECORDS; i++) {
            long billsec = 5 + i % 600;
            Instant s = start.plusMillis(i * 50L);
            records[i] = """
                    {"cdrUuid":"%s","instanceId":"%s","tenantId":"load-1234abcd","source":"ESL","leg":"A",\
                    "direction":"OUTBOUND","callerIdName":"Load Test","callerIdNumber":"3001",\
                    "destinationNumber":"6129%d","domain":"load.pbx.test","extension":"3001","startTime":"%s",\
                    "answerTime":"%s","endTime":"%s","duration":%d,"billsec":%d,"hangupCause":"NORMAL_CLEARING",\
                    "hangupCauseQ850":16,"callUuid":"%s"}""".formatted(new UUID(0x5EED_0000_0000_0000L, i), instance,
                    1000000 + i, s, s.plusSeconds(3), s.plusSeconds(3 + billsec), 3 + billsec, billsec,
                    new UUID(0x5EED_0000_0000_0000L, i)).getBytes(StandardCharsets.UTF_8);
        }
    }

    private byte[] record() {
        next = (next + 1) & (RECORDS - 1);
        return records[next];
    }

    @Benchmark
    public RawCdr checkThenBind() {
        return RawCdrParser.parseStrictly(record());
    }

    @Benchmark
    public RawCdr bindOnly() throws Exception {
        return BINDING.readValue(record());
    }

    @Benchmark
    public RawCdr plainReader() {
        return PlainCdrReader.read(JSON, record());
    }
}
