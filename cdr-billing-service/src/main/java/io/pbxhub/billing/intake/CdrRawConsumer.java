package io.pbxhub.billing.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.pbxhub.contracts.RawCdr;
import io.pbxhub.contracts.Topics;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Consumes {@code cdr-raw} a poll at a time. Values arrive as bytes (no deserializer that could fail) and are parsed
 * here; the parsed CDRs of the poll are rated and stored in one transaction ({@link CdrPipeline}). A record that cannot
 * be parsed or rated is recorded in {@code cdr_failure} and copied byte for byte to {@code cdr-raw.dlq} with the
 * reason; the partition moves on. The method returns only after all that, and the connector acknowledges the batch
 * only then: the throttled strategy commits offsets after the database commit. If the database stays down the method
 * throws, nothing is acknowledged, and the records come again after a restart.
 * <p>
 * Polls are handled unordered, so the next poll is parsed and rated while the previous one's transaction commits
 * (see docs/benchmarks.md). CDRs are independent: each is stored once by its natural key, deductions lock their
 * accounts in id order, a deadlock is retried, and the throttled strategy commits an offset only when every record
 * before it was acknowledged.
 */
@ApplicationScoped
public class CdrRawConsumer {

    private final RawCdrParser parser;
    private final CdrPipeline pipeline;
    private final CdrFailures failures;
    private final CdrDeadLetters deadLetters;

    public CdrRawConsumer(RawCdrParser parser, CdrPipeline pipeline, CdrFailures failures,
            CdrDeadLetters deadLetters) {
        this.parser = parser;
        this.pipeline = pipeline;
        this.failures = failures;
        this.deadLetters = deadLetters;
    }

    @Incoming(Topics.CDR_RAW)
    @Blocking(ordered = false)
    public void onRecords(ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> parsedRecords = new ArrayList<>(records.count());
        List<RawCdr> cdrs = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                cdrs.add(parser.parse(record.value()));
                parsedRecords.add(record);
            } catch (RejectedCdrException e) {
                refuse(record, null, e.getMessage());
            }
        }
        List<CdrPipeline.Result> results = pipeline.ingest(CdrSource.KAFKA, cdrs);
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).isRejected()) {
                refuse(parsedRecords.get(i), cdrs.get(i).instanceId(), results.get(i).rejection());
            }
        }
    }

    private void refuse(ConsumerRecord<String, byte[]> record, UUID instanceId, String reason) {
        failures.record(new CdrFailure(CdrSource.KAFKA, record.topic(), record.partition(), record.offset(),
                instanceId, record.key(), reason, record.value()));
        deadLetters.send(record, reason);
    }
}
