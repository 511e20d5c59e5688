package io.pbxhub.esl.call;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.pbxhub.contracts.RawCdr;
import io.pbxhub.esl.messaging.PublishConfig;
import io.pbxhub.esl.messaging.PublishPressure;
import io.pbxhub.esl.messaging.ReliableSender;
import io.pbxhub.esl.messaging.TopicProducer;
import io.vertx.core.Vertx;

/** {@code cdr-raw}, keyed by CDR UUID (the channel UUID), which billing uses to store each CDR once. */
@Singleton
public class RawCdrPublisher {

    private final ReliableSender<RawCdr> sender;

    public RawCdrPublisher(TopicProducer producer, ObjectMapper mapper, Vertx vertx, PublishConfig config,
            MeterRegistry registry, PublishPressure pressure) {
        this.sender = new ReliableSender<>(RawCdr.class, producer, mapper, vertx, config, registry, pressure);
    }

    public void publish(RawCdr cdr) {
        sender.send(cdr.cdrUuid(), cdr);
    }
}
