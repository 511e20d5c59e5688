package io.pbxhub.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

import static org.assertj.core.api.Assertions.assertThat;

/** asyncapi.yaml is a valid AsyncAPI 3.0.0 document that describes every topic, record and schema of this module. */
class AsyncApiDocumentTest {

    private static final String DLQ_ADDRESS = Topics.deadLetter("{topic}");
    private static final JsonNode DOC = read("/asyncapi.yaml");

    @Test
    void documentIsValidAsyncApi300() throws IOException {
        JsonSchema asyncApiSchema;
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream("/asyncapi/asyncapi-3.0.0.schema.json")) {
            asyncApiSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
        assertThat(DOC.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(asyncApiSchema.validate(DOC)).isEmpty();
    }

    @Test
    void everyTopicHasAChannelAndItsDeadLetterTopicIsDescribed() {
        Set<String> addresses = channelsByAddress().keySet();
        assertThat(addresses).containsExactlyInAnyOrderElementsOf(
                Stream.concat(topics().stream(), Stream.of(DLQ_ADDRESS)).toList());

        JsonNode dlq = channelsByAddress().get(DLQ_ADDRESS);
        assertThat(RecordSchemaTest.texts(dlq.path("parameters").path("topic").path("enum")))
                .containsExactlyInAnyOrderElementsOf(topics());
        assertThat(RecordSchemaTest.fieldNames(message(dlq).path("headers").path("properties")))
                .contains("dead-letter-reason", "dead-letter-topic", "dead-letter-offset");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyRecordTypeIsTheMessageOfItsTopicWithSchemaKeyAndCloudEventType(EventType type) {
        JsonNode channel = channelsByAddress().get(type.topic());
        assertThat(channel).as("channel for %s", type.topic()).isNotNull();
        assertThat(channel.path("bindings").path("kafka").path("topic").asText()).isEqualTo(type.topic());

        JsonNode message = message(channel);
        assertThat(message.path("name").asText()).isEqualTo(type.recordType().getSimpleName());
        assertThat(message.path("payload").path("schema").path("$ref").asText())
                .isEqualTo("." + type.schemaResource());
        assertThat(message.path("payload").path("schemaFormat").asText()).contains("2020-12");
        assertThat(message.path("bindings").path("kafka").path("key").path("description").asText()).isNotBlank();

        JsonNode headers = message.path("headers").path("allOf");
        assertThat(headers.get(0).path("$ref").asText()).isEqualTo("#/components/schemas/CloudEventHeaders");
        assertThat(headers.get(1).path("properties").path("ce_type").path("const").asText())
                .isEqualTo(type.cloudEventType());
    }

    @Test
    void cloudEventHeadersAreThoseSmallRyeWritesInBinaryMode() {
        JsonNode headers = DOC.at("/components/schemas/CloudEventHeaders");
        assertThat(RecordSchemaTest.texts(headers.path("required"))).containsExactlyInAnyOrder("ce_specversion",
                "ce_id", "ce_source", "ce_type", "ce_time", "content-type");
        for (EventType type : EventType.values()) {
            assertThat(type.cloudEventType()).matches(headers.at("/properties/ce_type/pattern").asText());
        }
    }

    @Test
    void everySchemaFileBelongsToARecordType() throws URISyntaxException, IOException {
        Path dir = Path.of(AsyncApiDocumentTest.class.getResource("/schemas").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> "/schemas/" + f.getFileName())).containsExactlyInAnyOrderElementsOf(
                    Arrays.stream(EventType.values()).map(EventType::schemaResource).toList());
        }
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(DOC, refs);
        assertThat(refs).hasSizeGreaterThan(40);
        SoftAssertions softly = new SoftAssertions();
        for (String ref : refs) {
            if (ref.startsWith("#")) {
                softly.assertThat(DOC.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
            } else {
                softly.assertThat(AsyncApiDocumentTest.class.getResource(ref.replaceFirst("^\\./", "/"))).as(ref)
                        .isNotNull();
            }
        }
        softly.assertAll();
    }

    @Test
    void producersAndConsumersAreThoseOfTheArchitecture() {
        // The services table of design/ARCHITECTURE.md, topic by topic.
        Map<String, String> expected = new TreeMap<>(Map.of(
                "send instance-events", "instance-service",
                "receive instance-events", "esl-ingest-service,sync-service",
                "send instance-status", "esl-ingest-service",
                "receive instance-status", "instance-service",
                "send call-events", "esl-ingest-service",
                "send presence", "esl-ingest-service",
                "send cdr-raw", "esl-ingest-service",
                "receive cdr-raw", "cdr-billing-service",
                "send cdr-rated", "cdr-billing-service",
                "receive sync-requests", "sync-service"));
        expected.put("send sync-results", "sync-service");
        expected.put("send billing-alerts", "cdr-billing-service");
        // Every consumer dead-letters what it cannot handle.
        expected.put("send " + DLQ_ADDRESS, "cdr-billing-service,esl-ingest-service,instance-service,sync-service");

        Map<String, Set<String>> actual = new TreeMap<>();
        DOC.path("operations").forEach(op -> {
            String address = DOC.at(op.path("channel").path("$ref").asText().substring(1)).path("address").asText();
            String service = op.path("tags").get(0).path("name").asText();
            actual.computeIfAbsent(op.path("action").asText() + " " + address, k -> new TreeSet<>()).add(service);
        });
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected.entrySet().stream().collect(
                Collectors.toMap(Map.Entry::getKey, e -> new TreeSet<>(Arrays.asList(e.getValue().split(","))))));
    }

    @Test
    void everyConsumerNamesItsConsumerGroup() {
        DOC.path("operations").forEach(op -> {
            if (op.path("action").asText().equals("receive")) {
                assertThat(RecordSchemaTest.texts(op.at("/bindings/kafka/groupId/enum")))
                        .containsExactly(op.path("tags").get(0).path("name").asText());
            }
        });
    }

    @Test
    void retentionIsThatOfTheArchitecture() {
        Set<String> compacted = Set.of(Topics.INSTANCE_EVENTS, Topics.INSTANCE_STATUS, Topics.PRESENCE);
        channelsByAddress().forEach((address, channel) -> {
            List<String> policy = RecordSchemaTest
                    .texts(channel.at("/bindings/kafka/topicConfiguration").path("cleanup.policy"));
            assertThat(policy).as(address).containsExactly(compacted.contains(address) ? "compact" : "delete");
        });
    }

    private static Map<String, JsonNode> channelsByAddress() {
        Map<String, JsonNode> channels = new TreeMap<>();
        DOC.path("channels").forEach(channel -> channels.put(channel.path("address").asText(), channel));
        return channels;
    }

    /** The one message of a channel, with its reference followed. */
    private static JsonNode message(JsonNode channel) {
        assertThat(channel.path("messages").size()).isEqualTo(1);
        return DOC.at(channel.path("messages").elements().next().path("$ref").asText().substring(1));
    }

    private static List<String> topics() {
        return Arrays.stream(Topics.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(AsyncApiDocumentTest::constant).toList();
    }

    private static String constant(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject() && node.has("$ref")) {
            refs.add(node.path("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, refs));
    }

    private static JsonNode read(String resource) {
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream(resource)) {
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
