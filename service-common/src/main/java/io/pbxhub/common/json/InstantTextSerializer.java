package io.pbxhub.common.json;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * Writes an {@link Instant} as the same ISO-8601 text as Jackson's own serializer does, faster (see
 * {@link InstantText}).
 */
public final class InstantTextSerializer extends StdSerializer<Instant> {

    public InstantTextSerializer() {
        super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        char[] text = new char[InstantText.MAX_LENGTH];
        gen.writeString(text, 0, InstantText.write(value, text));
    }
}
