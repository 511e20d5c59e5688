package io.pbxhub.esl.connection;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.pbxhub.contracts.InstanceStatus;
import io.pbxhub.contracts.InstanceStatus.Reachability;
import io.pbxhub.esl.messaging.PublishConfig;
import io.pbxhub.esl.messaging.ReliableSender;
import io.pbxhub.esl.messaging.TopicProducer;
import io.vertx.core.Vertx;

/** Publishes the live ESL state of each connection on {@code instance-status} (key: instance id). */
@ApplicationScoped
public class EslStatusPublisher implements EslStatusSink {

    public static final String REPORTER = "esl-ingest-service";

    private final ReliableSender<InstanceStatus> sender;

    public EslStatusPublisher(TopicProducer producer, ObjectMapper mapper, Vertx vertx,
            PublishConfig config, MeterRegistry registry) {
        this.sender = new ReliableSender<>(InstanceStatus.class, producer, mapper, vertx, config, registry);
    }

    @Override
    public void up(EslInstance instance) {
        publish(instance, Reachability.UP, null);
    }

    @Override
    public void down(EslInstance instance, String reason) {
        publish(instance, Reachability.DOWN, reason);
    }

    private void publish(EslInstance instance, Reachability esl, String reason) {
        // This service does not check the database; instance-service reports that half.
        InstanceStatus status = new InstanceStatus(instance.instanceId(), Reachability.UNKNOWN, esl, reason, REPORTER,
                Instant.now());
        sender.send(instance.instanceId().toString(), status);
    }
}
