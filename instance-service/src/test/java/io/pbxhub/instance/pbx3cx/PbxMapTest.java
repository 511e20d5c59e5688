package io.pbxhub.instance.pbx3cx;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import io.pbxhub.common.error.ApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PbxMapTest {

    final ObjectMapper mapper = new ObjectMapper();

    @Test
    void textIsStoredAsCompactJsonAndReadBackAsOrigins() throws Exception {
        String stored = PbxMap.normalize(TextNode.valueOf("""
                { "extensions": [ {"number": 100, "name": "Alice"} ],
                  "ring_groups": [ {"number": "700"} ], "custom": {"kept": true} }"""), mapper);
        assertThat(stored).isEqualTo(
                "{\"extensions\":[{\"number\":100,\"name\":\"Alice\"}],\"ring_groups\":[{\"number\":\"700\"}],"
                        + "\"custom\":{\"kept\":true}}");
        assertThat(PbxMap.origins(stored, mapper)).containsExactly(new Origin("extension", "100", "Alice"),
                new Origin("ring_group", "700", null));
    }

    @Test
    void noMapMeansNoOrigins() {
        assertThat(PbxMap.normalize(null, mapper)).isNull();
        assertThat(PbxMap.normalize(TextNode.valueOf("  "), mapper)).isNull();
        assertThat(PbxMap.origins(null, mapper)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "null", "42", "\"text\"", "[]", "{\"extensions\": {}}",
            "{\"queues\": [{\"number\": \"\"}]}", "{\"queues\": [{\"number\": 1.5}]}",
            "{\"extensions\": [{\"number\": \"100\", \"name\": 7}]}", "{\"extensions\": [null]}"})
    void anythingElseIsRefusedNamingPbxMap(String text) {
        assertThatThrownBy(() -> PbxMap.normalize(TextNode.valueOf(text), mapper)).isInstanceOf(ApiException.class)
                .hasMessageStartingWith("pbx_map");
    }

    @Test
    void sectionEntriesAreCheckedOneByOne() {
        Map<String, Object> map = Map.of("extensions", List.of(Map.of("number", "100"), Map.of("name", "no number")));
        assertThatThrownBy(() -> PbxMap.normalize(mapper.valueToTree(map), mapper))
                .hasMessageContaining("extensions[1].number");
    }
}
