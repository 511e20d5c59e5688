package io.pbxhub.instance.helpers;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.pbxhub.common.error.ApiException;

/**
 * Reads JSON request bodies of the 3CX API into validated records. Resources take the body as a tree so that an edit
 * can be laid over the stored state (fields left out keep their value, as the Laravel API this mirrors does), and so
 * that a bad field is named as the client spelled it ({@code host_name}, not {@code hostName}).
 */
@ApplicationScoped
public class JsonRequests {

    private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE = new PropertyNamingStrategies.SnakeCaseStrategy();

    private final ObjectMapper mapper;
    private final Validator validator;

    public JsonRequests(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    /**
     * Validates {@code body} as a {@code type}. Strings are trimmed and empty ones become null (so {@code ""} clears an
     * optional field), except the fields named in {@code verbatim}: secrets are taken exactly as sent.
     */
    public <T> T read(JsonNode body, Class<T> type, Set<String> verbatim) {
        ObjectNode object = requireObject(body);
        T value = convert(normalize(object, verbatim), type);
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw ApiException
                    .badRequest(violations.stream().map(v -> field(v.getPropertyPath()) + ": " + v.getMessage())
                            .sorted().distinct().collect(Collectors.joining("; ")));
        }
        return value;
    }

    public <T> T read(JsonNode body, Class<T> type) {
        return read(body, type, Set.of());
    }

    /** The stored state as JSON with the edit's fields laid over it: what an update then validates as a whole. */
    public ObjectNode overlay(Object current, JsonNode edit) {
        ObjectNode merged = mapper.valueToTree(current);
        merged.setAll(requireObject(edit));
        return merged;
    }

    public static ObjectNode requireObject(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw ApiException.badRequest("request: a JSON object body is required");
        }
        if (!body.isObject()) {
            throw ApiException.badRequest("request: the body must be a JSON object");
        }
        return (ObjectNode) body;
    }

    private static ObjectNode normalize(ObjectNode body, Set<String> verbatim) {
        ObjectNode copy = body.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = copy.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isTextual() && !verbatim.contains(e.getKey())) {
                String trimmed = e.getValue().textValue().strip();
                e.setValue(trimmed.isEmpty() ? NullNode.getInstance() : TextNode.valueOf(trimmed));
            }
        }
        return copy;
    }

    private <T> T convert(ObjectNode body, Class<T> type) {
        try {
            return mapper.treeToValue(body, type);
        } catch (MismatchedInputException e) {
            throw ApiException.badRequest(location(e) + ": " + expected(e.getTargetType()));
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(location(e) + ": " + e.getOriginalMessage());
        }
    }

    private static String location(JsonProcessingException e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            return m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
        }
        // A number too large for its field fails in the parser, which still knows which field it was reading.
        if (e.getProcessor() instanceof JsonParser parser) {
            try {
                String name = parser.currentName();
                if (name != null) {
                    return name;
                }
            } catch (IOException ignored) {
                // no better name than the generic one
            }
        }
        return "request";
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
            return "must be a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == LocalDate.class) {
            return "must be a date (YYYY-MM-DD)";
        }
        if (type == Instant.class) {
            return "must be an ISO-8601 timestamp with a zone (2025-07-25T11:41:48Z)";
        }
        if (type == String.class) {
            return "must be a string";
        }
        return "has the wrong type";
    }

    /** A violation's field as the client spells it: the last property of its path, in snake_case. */
    private static String field(Path path) {
        String name = null;
        for (Path.Node node : path) {
            if (node.getName() != null) {
                name = node.getName();
            }
        }
        return name == null ? "request" : SNAKE.translate(name);
    }
}
