package io.pbxhub.common.json;

import java.time.Instant;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/** Every service's JSON (REST and Kafka records) writes instants through {@link InstantTextSerializer}. */
@Singleton
public class InstantTextCustomizer implements ObjectMapperCustomizer {

    /** Last, after Quarkus registers the JavaTimeModule: serializers of the module registered last win. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("pbxhub-instant-text").addSerializer(Instant.class,
                new InstantTextSerializer()));
    }
}
