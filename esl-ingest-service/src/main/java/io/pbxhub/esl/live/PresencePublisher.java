package io.pbxhub.esl.live;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.pbxhub.contracts.PresenceEvent;
import io.pbxhub.esl.messaging.PublishConfig;
import io.pbxhub.esl.messaging.PublishPressure;
import io.pbxhub.esl.messaging.ReliableSender;
import io.pbxhub.esl.messaging.TopicProducer;
import io.vertx.core.Vertx;

/** {@code presence} (compacted), keyed {@code instanceId:extension@domain} so the latest state per extension stays. */
@Singleton
public class PresencePublisher {

    private final ReliableSender<PresenceEvent> sender;

    public PresencePublisher(TopicProducer producer, ObjectMapper mapper, Vertx vertx,
            PublishConfig config, MeterRegistry registry, PublishPressure pressure) {
        this.sender = new ReliableSender<>(PresenceEvent.class, producer, mapper, vertx, config, registry, pressure);
    }

    public void publish(PresenceEvent event) {
        sender.send(PresenceTracker.key(event.instanceId(), event.extension(), event.domain()), event);
    }
}
