package io.pbxhub.esl.messaging;

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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.pbxhub.common.json.InstantTextCustomizer;
import io.pbxhub.contracts.CallEvent;
import io.pbxhub.contracts.Direction;
import io.pbxhub.contracts.RawCdr;

/**
 * Writing the JSON of a call-events and a cdr-raw record, as {@link ReliableSender} does for every record: with the
 * services' mapper ({@link InstantTextCustomizer}) against Jackson's default set-up ({@code DateTimeFormatter} for
 * instants). One operation is one record. Run with {@code -Pjmh -Djmh.args=RecordJsonBenchmark} (see
 * docs/benchmarks.md); not a test.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RecordJsonBenchmark {

    private ObjectWriter defaultCallEvents;
    private ObjectWriter serviceCallEvents;
    private ObjectWriter defaultCdrs;
    private ObjectWriter serviceCdrs;
    private CallEvent callEvent;
    private RawCdr cdr;

    @Setup
    public void setUp() {
        ObjectMapper jackson = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        ObjectMapper service = jackson.copy();
        new InstantTextCustomizer().customize(service);
        defaultCallEvents = jackson.writerFor(CallEvent.class);
        serviceCallEvents = service.writerFor(CallEvent.class);
        defaultCdrs = jackson.writerFor(RawCdr.class);
        serviceCdrs = service.writerFor(RawCdr.class);
        UUID instance = UUID.randomUUID();
        Instant start = Instant.parse("2026-11-23T20:15:02.481923Z");
        callEvent = new CallEvent("8ee3a6d4-1a0d-4f4c-9a4e-4d7c9c2d2f11", "8ee3a6d4-1a0d-4f4c-9a4e-4d7c9c2d2f11",
                instance, "acme", CallEvent.State.ANSWERED, Direction.OUTBOUND, "1001", "Alice Smith", "0298765432",
                "Outbound Call", "pbx.acme.example.com", "b5c2e1f0-93d4-4b4e-8f2a-0c1d2e3f4a5b", null,
                "ab6fd2ad-3c1e-4d2f-9e8b-7a6c5d4e3f21", 31_415_926L, start.plusMillis(6_204));
        cdr = new RawCdr("8ee3a6d4-1a0d-4f4c-9a4e-4d7c9c2d2f11", instance, "acme", RawCdr.Source.ESL, RawCdr.Leg.A,
                Direction.OUTBOUND, "Alice Smith", "1001", "0298765432", "pbx.acme.example.com", "1001", start,
                start.plusMillis(6_204), start.plusSeconds(187), 187, 181, "NORMAL_CLEARING", 16,
                "b5c2e1f0-93d4-4b4e-8f2a-0c1d2e3f4a5b", "8ee3a6d4-1a0d-4f4c-9a4e-4d7c9c2d2f11",
                "ab6fd2ad-3c1e-4d2f-9e8b-7a6c5d4e3f21", 31_415_990L);
    }

    @Benchmark
    public byte[] callEventDefault() throws JsonProcessingException {
        return defaultCallEvents.writeValueAsBytes(callEvent);
    }

    @Benchmark
    public byte[] callEventService() throws JsonProcessingException {
        return serviceCallEvents.writeValueAsBytes(callEvent);
    }

    @Benchmark
    public byte[] rawCdrDefault() throws JsonProcessingException {
        return defaultCdrs.writeValueAsBytes(cdr);
    }

    @Benchmark
    public byte[] rawCdrService() throws JsonProcessingException {
        return serviceCdrs.writeValueAsBytes(cdr);
    }
}
