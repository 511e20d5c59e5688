package io.pbxhub.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** Loads the JSON Schema of each topic record from the classpath, where consumers find it too. */
final class ContractSchemas {

    static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    /*
     * Draft 2020-12 treats "format" as an annotation only; a consumer validating records must turn assertions on, or
     * "uuid" and "date-time" check nothing. The tests validate the way we tell consumers to.
     */
    static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private static final Map<EventType, JsonSchema> SCHEMAS = new EnumMap<>(EventType.class);

    private ContractSchemas() {
    }

    static JsonNode schemaNode(EventType type) {
        try (InputStream in = EventType.class.getResourceAsStream(type.schemaResource())) {
            if (in == null) {
                throw new IllegalStateException("no schema on the classpath at " + type.schemaResource());
            }
            return TopicJson.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized JsonSchema schema(EventType type) {
        return SCHEMAS.computeIfAbsent(type, t -> FACTORY.getSchema(schemaNode(t), CONFIG));
    }

    static Set<ValidationMessage> validate(EventType type, JsonNode json) {
        return schema(type).validate(json);
    }
}
