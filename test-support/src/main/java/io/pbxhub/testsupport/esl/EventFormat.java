package io.pbxhub.testsupport.esl;

import java.util.Locale;
import java.util.Optional;

/** How a session wants its events serialized ({@code event plain|json ...}). */
enum EventFormat {
    PLAIN,
    JSON;

    String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    String contentType() {
        return "text/event-" + word();
    }

    String serialize(EslEvent event) {
        return this == PLAIN ? event.toPlain() : event.toJson();
    }

    static Optional<EventFormat> fromWord(String word) {
        for (EventFormat f : values()) {
            if (f.word().equalsIgnoreCase(word)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
