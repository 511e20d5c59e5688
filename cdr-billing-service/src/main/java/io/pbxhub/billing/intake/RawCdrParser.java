package io.pbxhub.billing.intake;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
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
    private static final List<String> REQUIRED = List.of("cdrUuid", "instanceId", "direction", "startTime",
            "duration", "billsec");

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .addModule(new SimpleModule().addDeserializer(Instant.class, new UtcInstantDeserializer()))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    /** Binds straight to the record: no intermediate tree, which cost half the parsing time. */
    private static final ObjectReader CDR = JSON.readerFor(RawCdr.class);

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
        // nearly every record is plain: read field by field; the checking pass and binding decide about the rest
        RawCdr cdr = PlainCdrReader.read(JSON.getFactory(), payload);
        return validate(cdr == null ? parseStrictly(payload) : cdr);
    }

    /** The required fields checked first, then bound: what decides the reason a record is refused for. */
    static RawCdr parseStrictly(byte[] payload) {
        requireFields(payload);
        try {
            return CDR.readValue(payload);
        } catch (IOException e) {
            throw new RejectedCdrException("not a CDR: " + firstLine(e));
        }
    }

    /**
     * One streaming pass over the top-level fields: the record must be one JSON object with every {@link #REQUIRED}
     * field present and not null. A missing {@code billsec} would bind as 0, so binding alone cannot tell.
     */
    private static void requireFields(byte[] payload) {
        boolean[] present = new boolean[REQUIRED.size()];
        try (JsonParser parser = JSON.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new RejectedCdrException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                int field = REQUIRED.indexOf(parser.currentName());
                if (parser.nextToken() != JsonToken.VALUE_NULL && field >= 0) {
                    present[field] = true;
                }
                parser.skipChildren();
            }
            if (parser.nextToken() != null) {
                throw new RejectedCdrException("not JSON: more than one value");
            }
        } catch (IOException e) {
            throw new RejectedCdrException("not JSON: " + firstLine(e));
        }
        for (int n = 0; n < present.length; n++) {
            if (!present[n]) {
                throw new RejectedCdrException(REQUIRED.get(n) + " is missing");
            }
        }
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
