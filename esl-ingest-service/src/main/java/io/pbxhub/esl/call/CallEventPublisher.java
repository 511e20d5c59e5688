package io.pbxhub.esl.call;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.pbxhub.contracts.CallEvent;
import io.pbxhub.esl.messaging.PublishConfig;
import io.pbxhub.esl.messaging.PublishPressure;
import io.pbxhub.esl.messaging.ReliableSender;
import io.pbxhub.esl.messaging.TopicProducer;
import io.vertx.core.Vertx;

/** {@code call-events}, keyed by call UUID so every event of a call stays on one partition, in order. */
@Singleton
public class CallEventPublisher {

    private final ReliableSender<CallEvent> sender;

    public CallEventPublisher(TopicProducer producer, ObjectMapper mapper, Vertx vertx,
            PublishConfig config, MeterRegistry registry, PublishPressure pressure) {
        this.sender = new ReliableSender<>(CallEvent.class, producer, mapper, vertx, config, registry, pressure);
    }

    public void publish(CallEvent event) {
        sender.send(event.callUuid(), event);
    }
}
