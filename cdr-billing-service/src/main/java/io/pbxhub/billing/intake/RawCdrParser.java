package io.pbxhub.billing.intake;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.pbxhub.billing.cdr.RawCdrRules;
import io.pbxhub.contracts.RawCdr;

/**
 * Reads a {@code cdr-raw} record (camelCase JSON, event-contracts {@link RawCdr}) and checks it can be rated. Every
 * problem becomes a {@link RejectedCdrException} whose message is the reason the DLQ and the failures table show.
 */
@ApplicationScoped
public class RawCdrParser {

    /** Without these a CDR would be stored with a guessed value (a missing billsec would read as 0: unbilled). */
    private static final String[] REQUIRED = {"cdrUuid", "instanceId", "direction", "startTime", "duration",
            "billsec"};

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private final IntakeConfig config;

    public RawCdrParser(IntakeConfig config) {
        this.config = config;
    }

    public RawCdr parse(byte[] payload) {
        if (payload == null || payload.length == 0) {
            throw new RejectedCdrException("empty record");
        }
        if (payload.length > config.maxCdrBytes()) {
            throw new RejectedCdrException("record is " + payload.length + " bytes, more than the "
                    + config.maxCdrBytes() + " a CDR may have");
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(payload);
        } catch (IOException e) {
            throw new RejectedCdrException("not JSON: " + firstLine(e));
        }
        if (tree == null || !tree.isObject()) {
            throw new RejectedCdrException("not a JSON object");
        }
        for (String field : REQUIRED) {
            JsonNode value = tree.get(field);
            if (value == null || value.isNull()) {
                throw new RejectedCdrException(field + " is missing");
            }
        }
        RawCdr cdr;
        try {
            cdr = JSON.treeToValue(tree, RawCdr.class);
        } catch (JsonProcessingException e) {
            throw new RejectedCdrException("not a CDR: " + firstLine(e));
        }
        return validate(cdr);
    }

    /** The rules every CDR must pass before rating, whatever path it came by. */
    public static RawCdr validate(RawCdr cdr) {
        try {
            return RawCdrRules.requireRatable(cdr);
        } catch (IllegalArgumentException e) {
            throw new RejectedCdrException(e.getMessage());
        }
    }

    private static String firstLine(JsonProcessingException e) {
        // Jackson's message ends with the source location (and a copy of the content); the first line is the reason.
        String message = e.getOriginalMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }

    private static String firstLine(IOException e) {
        return e instanceof JsonProcessingException j ? firstLine(j) : e.getClass().getSimpleName();
    }
}
