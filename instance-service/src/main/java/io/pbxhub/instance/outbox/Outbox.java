package io.pbxhub.instance.outbox;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pbxhub.contracts.EventType;

/** Appends topic records to the outbox inside the caller's transaction; {@link OutboxRelay} sends them. */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper mapper;

    public Outbox(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String key, Record payload) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = UUID.randomUUID();
        row.eventType = EventType.of(payload.getClass()).name();
        row.recordKey = key;
        row.payload = toJson(payload);
        row.createdAt = Instant.now();
        row.persist();
    }

    private String toJson(Record payload) {
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + payload.getClass().getSimpleName(), e);
        }
    }
}
