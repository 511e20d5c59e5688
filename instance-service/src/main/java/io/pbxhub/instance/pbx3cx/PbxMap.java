package io.pbxhub.instance.pbx3cx;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pbxhub.common.error.ApiException;

/**
 * A host's {@code pbx_map}: JSON describing what is configured on the 3CX system. The accepted shape is an object with
 * up to three lists, each entry an object with a {@code number} (string or integer) and an optional {@code name}:
 *
 * <pre>
 * {"extensions": [{"number": "100", "name": "Alice"}],
 *  "queues": [{"number": "800", "name": "Sales"}],
 *  "ring_groups": [{"number": "700", "name": "Support"}]}
 * </pre>
 *
 * Other top-level properties are kept as sent but not interpreted. The map may be sent as that object or as a string
 * holding it (the column is text); it is stored as compact JSON.
 */
final class PbxMap {

    static final int MAX_CHARS = 1_048_576;
    static final int MAX_NUMBER = 64;
    static final int MAX_NAME = 255;

    private record Section(String property, String originType) {
    }

    private static final List<Section> SECTIONS = List.of(new Section("extensions", "extension"),
            new Section("queues", "queue"), new Section("ring_groups", "ring_group"));

    private PbxMap() {
    }

    /** The map as stored: compact JSON text, or null when none was given. Refuses (400) anything not of the shape. */
    static String normalize(JsonNode value, ObjectMapper mapper) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        JsonNode map = value;
        if (value.isTextual()) {
            String text = value.textValue();
            if (text.isBlank()) {
                return null;
            }
            checkLength(text.length());
            try {
                map = mapper.readTree(text);
            } catch (JsonProcessingException e) {
                throw ApiException.badRequest("pbx_map: must be valid JSON (" + e.getOriginalMessage() + ")");
            }
        }
        if (map == null || !map.isObject()) {
            throw ApiException.badRequest("pbx_map: must be a JSON object with extensions, queues and/or ring_groups");
        }
        for (Section s : SECTIONS) {
            check(map.get(s.property()), s.property());
        }
        try {
            String stored = mapper.writeValueAsString(map);
            checkLength(stored.length());
            return stored;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize pbx_map", e);
        }
    }

    /** The origins a stored map describes: extensions, then queues, then ring groups, each in map order. */
    static List<Origin> origins(String stored, ObjectMapper mapper) {
        if (stored == null) {
            return List.of();
        }
        JsonNode map;
        try {
            map = mapper.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored pbx_map is not JSON", e);
        }
        List<Origin> origins = new ArrayList<>();
        for (Section s : SECTIONS) {
            JsonNode list = map.get(s.property());
            if (list != null && list.isArray()) {
                for (JsonNode entry : list) {
                    JsonNode name = entry.get("name");
                    origins.add(new Origin(s.originType(), entry.get("number").asText(),
                            name == null || name.isNull() ? null : name.asText()));
                }
            }
        }
        return origins;
    }

    private static void check(JsonNode list, String property) {
        if (list == null || list.isNull()) {
            return;
        }
        if (!list.isArray()) {
            throw ApiException.badRequest("pbx_map: " + property + " must be a list");
        }
        for (int i = 0; i < list.size(); i++) {
            String where = "pbx_map: " + property + "[" + i + "]";
            JsonNode entry = list.get(i);
            if (!entry.isObject()) {
                throw ApiException.badRequest(where + " must be an object with number and name");
            }
            JsonNode number = entry.get("number");
            if (number == null || !(number.isTextual() || number.isIntegralNumber()) || number.asText().isBlank()
                    || number.asText().length() > MAX_NUMBER || hasControl(number.asText())) {
                throw ApiException.badRequest(where + ".number: required, a string or integer of at most "
                        + MAX_NUMBER + " characters");
            }
            JsonNode name = entry.get("name");
            if (name != null && !name.isNull()
                    && (!name.isTextual() || name.textValue().length() > MAX_NAME || hasControl(name.textValue()))) {
                throw ApiException.badRequest(where + ".name: must be a string of at most " + MAX_NAME
                        + " characters");
            }
        }
    }

    private static void checkLength(int length) {
        if (length > MAX_CHARS) {
            throw ApiException.badRequest("pbx_map: at most " + MAX_CHARS + " characters");
        }
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(Character::isISOControl);
    }
}
