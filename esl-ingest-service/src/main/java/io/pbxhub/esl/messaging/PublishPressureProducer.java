package io.pbxhub.esl.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The one {@link PublishPressure} of the service, with its backlog exported as a gauge. */
@ApplicationScoped
public class PublishPressureProducer {

    @Produces
    @Singleton
    PublishPressure pressure(PublishConfig config, MeterRegistry registry) {
        PublishPressure pressure = new PublishPressure(config.pauseAbove(), config.resumeBelow());
        Gauge.builder("pbxhub.esl.publish.in.flight", pressure, PublishPressure::inFlight)
                .description("Records sent to Kafka and not yet acknowledged")
                .register(registry);
        return pressure;
    }
}
