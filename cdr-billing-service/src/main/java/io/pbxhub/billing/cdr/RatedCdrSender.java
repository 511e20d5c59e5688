package io.pbxhub.billing.cdr;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.pbxhub.common.messaging.AckedProducerSettings;
import io.pbxhub.common.messaging.CloudEventHeaders;
import io.pbxhub.contracts.EventType;
import io.pbxhub.contracts.RatedCdr;
import io.smallrye.common.annotation.Identifier;

/**
 * Puts {@code cdr-rated} records on the topic through a plain Kafka producer rather than a SmallRye emitter, whose
 * per-message pipeline (Mutiny, context propagation, CloudEvents conversion) cost more CPU than the send itself. The
 * records look as the connector wrote them: key = CDR UUID, JSON value from the service's mapper, CloudEvents
 * attributes in binary mode ({@code ce_*} headers). acks=all and idempotence, so an acknowledged record is on every
 * in-sync replica exactly once.
 */
@Singleton
public class RatedCdrSender {

    static final String SOURCE = "/cdr-billing-service";

    private static final Logger LOG = Logger.getLogger(RatedCdrSender.class);
    private static final EventType TYPE = EventType.CDR_RATED;
    private static final CloudEventHeaders HEADERS = new CloudEventHeaders(SOURCE, TYPE);

    private final Producer<String, byte[]> producer;
    private final ObjectWriter writer;
    private final Duration ackTimeout;

    public RatedCdrSender(@Identifier("default-kafka-broker") Map<String, Object> kafka, ObjectMapper mapper,
            RatedCdrConfig config) {
        this.producer = new KafkaProducer<>(AckedProducerSettings.of(kafka, "cdr-billing-service-cdr-rated",
                config.producer()), new StringSerializer(),
                new ByteArraySerializer());
        this.writer = mapper.writerFor(RatedCdr.class);
        this.ackTimeout = config.ackTimeout();
    }

    /** True when the broker acknowledged every event within the ack timeout. */
    public boolean sendAll(List<RatedCdr> events) {
        Acks acks = new Acks(events.size());
        // One time for the whole batch: its events were rated and committed together.
        byte[] time = CloudEventHeaders.now();
        for (RatedCdr rated : events) {
            try {
                producer.send(new ProducerRecord<>(TYPE.topic(), null, rated.cdrUuid(), writer.writeValueAsBytes(rated),
                        HEADERS.headers(eventId(rated), time)), acks);
            } catch (JsonProcessingException | RuntimeException e) {
                acks.onCompletion(null, e);
            }
        }
        try {
            if (!acks.pending.await(ackTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.errorf("%d of %d %s records not acknowledged within %s; they are sent again later",
                        acks.pending.getCount(), events.size(), TYPE.topic(), ackTimeout);
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (acks.failure != null) {
            LOG.errorf(acks.failure, "could not publish %d rated CDRs to %s; they are sent again later", events.size(),
                    TYPE.topic());
            return false;
        }
        return true;
    }

    /** The same CDR always gets the same event id, so a consumer can drop a duplicate. */
    private static String eventId(RatedCdr rated) {
        return "rated:" + rated.instanceId() + ":" + rated.cdrUuid();
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(10));
    }

    /** Counts a batch's acknowledgements down; keeps the first failure. Runs on the producer's I/O thread. */
    private static final class Acks implements Callback {

        final CountDownLatch pending;
        volatile Exception failure;

        Acks(int records) {
            this.pending = new CountDownLatch(records);
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception error) {
            if (error != null && failure == null) {
                failure = error;
            }
            pending.countDown();
        }
    }
}
