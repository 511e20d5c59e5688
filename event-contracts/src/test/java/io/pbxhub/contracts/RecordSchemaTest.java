package io.pbxhub.contracts;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each topic record's JSON matches its schema, and each schema matches its Java record field for field, so a change
 * to one that is not made to the other fails here rather than in a consumer.
 */
class RecordSchemaTest {

    private static final JsonSchema META_SCHEMA = ContractSchemas.FACTORY
            .getSchema(SchemaLocation.of(SchemaId.V202012), ContractSchemas.CONFIG);

    @ParameterizedTest
    @EnumSource(EventType.class)
    void fullyPopulatedRecordMatchesItsSchema(EventType type) {
        Record full = Samples.full(type);
        assertThat(nonNullComponents(full)).as("the full sample sets every field")
                .containsExactlyInAnyOrderElementsOf(componentNames(type));

        assertThat(ContractSchemas.validate(type, TopicJson.tree(full))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void recordWithOnlyRequiredFieldsMatchesItsSchemaAndOmitsTheRest(EventType type) {
        Record minimal = Samples.minimal(type);
        JsonNode json = TopicJson.tree(minimal);

        assertThat(ContractSchemas.validate(type, json)).isEmpty();
        // Null fields are left out of the JSON, and what is left is exactly what the schema requires.
        assertThat(fieldNames(json)).containsExactlyInAnyOrderElementsOf(required(type))
                .containsExactlyInAnyOrderElementsOf(nonNullComponents(minimal));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaIsAValidDraft202012SchemaWithItsPublishedId(EventType type) {
        JsonNode schema = ContractSchemas.schemaNode(type);
        String name = type.recordType().getSimpleName();

        assertThat(schema.path("$schema").asText()).isEqualTo(SchemaId.V202012);
        assertThat(schema.path("$id").asText()).isEqualTo("https://pbxhub.io/schemas/" + name + ".schema.json");
        assertThat(type.schemaResource()).isEqualTo("/schemas/" + name + ".schema.json");
        assertThat(META_SCHEMA.validate(schema)).isEmpty();
        assertThat(schema.path("additionalProperties").isBoolean()
                && !schema.path("additionalProperties").booleanValue()).as("additionalProperties: false").isTrue();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaPropertiesAreExactlyTheRecordComponents(EventType type) {
        JsonNode schema = ContractSchemas.schemaNode(type);
        assertThat(fieldNames(schema.path("properties"))).containsExactlyInAnyOrderElementsOf(componentNames(type));
        assertThat(componentNames(type)).containsAll(required(type));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyPropertyIsTypedLikeItsJavaComponentAndDescribed(EventType type) {
        JsonNode properties = ContractSchemas.schemaNode(type).path("properties");
        Set<String> required = required(type);
        SoftAssertions softly = new SoftAssertions();
        for (RecordComponent component : type.recordType().getRecordComponents()) {
            String name = component.getName();
            JsonNode property = properties.path(name);
            Class<?> javaType = component.getType();
            softly.assertThat(property.path("description").asText()).as(name + " description").isNotBlank();
            if (javaType.isPrimitive()) {
                softly.assertThat(required).as(name + " is a primitive, always set").contains(name);
            }
            if (javaType == UUID.class) {
                softly.assertThat(property.path("format").asText()).as(name).isEqualTo("uuid");
            } else if (javaType == Instant.class) {
                softly.assertThat(property.path("format").asText()).as(name).isEqualTo("date-time");
            } else if (javaType.isEnum()) {
                softly.assertThat(texts(property.path("enum"))).as(name + " enum")
                        .containsExactlyElementsOf(enumConstants(javaType));
            } else if (javaType == long.class || javaType == int.class || javaType == Long.class
                    || javaType == Integer.class) {
                softly.assertThat(property.path("type").asText()).as(name).isEqualTo("integer");
                softly.assertThat(property.path("minimum").isNumber()).as(name + " has a minimum").isTrue();
                softly.assertThat(property.path("minimum").asLong(-1)).as(name + " minimum").isNotNegative();
            } else if (javaType == BigDecimal.class) {
                softly.assertThat(property.path("type").asText()).as(name + " money is a string").isEqualTo("string");
                softly.assertThat(property.path("pattern").asText()).as(name + " pattern").isNotBlank();
            } else if (javaType == String.class) {
                softly.assertThat(property.path("type").asText()).as(name).isEqualTo("string");
            } else if (javaType == List.class) {
                softly.assertThat(property.path("type").asText()).as(name).isEqualTo("array");
                assertNestedRecordMatches(softly, type, property.path("items"),
                        (Class<?>) ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0]);
            } else {
                softly.fail("no schema rule for " + name + " of type " + javaType.getName());
            }
        }
        softly.assertAll();
    }

    private static void assertNestedRecordMatches(SoftAssertions softly, EventType type, JsonNode items,
            Class<?> element) {
        JsonNode nested = items;
        if (items.has("$ref")) {
            nested = ContractSchemas.schemaNode(type).at(items.path("$ref").asText().substring(1));
        }
        softly.assertThat(nested.path("additionalProperties").asBoolean(true)).as(element.getSimpleName()).isFalse();
        softly.assertThat(fieldNames(nested.path("properties"))).as(element.getSimpleName())
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(element.getRecordComponents())
                        .map(RecordComponent::getName).toList());
        nested.path("properties").forEach(p -> softly.assertThat(p.path("description").asText()).isNotBlank());
    }

    static Set<String> required(EventType type) {
        return new HashSet<>(texts(ContractSchemas.schemaNode(type).path("required")));
    }

    static List<String> componentNames(EventType type) {
        return Arrays.stream(type.recordType().getRecordComponents()).map(RecordComponent::getName).toList();
    }

    static Set<String> nonNullComponents(Record record) {
        return Arrays.stream(record.getClass().getRecordComponents()).filter(c -> value(c, record) != null)
                .map(RecordComponent::getName).collect(Collectors.toSet());
    }

    static List<String> fieldNames(JsonNode node) {
        return StreamSupport.stream(((Iterable<Map.Entry<String, JsonNode>>) node::fields).spliterator(), false)
                .map(Map.Entry::getKey).toList();
    }

    static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static List<String> enumConstants(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
    }

    private static Object value(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
