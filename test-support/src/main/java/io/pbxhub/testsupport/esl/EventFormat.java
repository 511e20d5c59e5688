package io.pbxhub.testsupport.esl;

import java.util.Locale;
import java.util.Optional;

/** How a session wants its events serialized ({@code event plain|json|xml ...}). */
enum EventFormat {
    PLAIN,
    JSON,
    XML;

    String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    String contentType() {
        return "text/event-" + word();
    }

    String serialize(EslEvent event) {
        return switch (this) {
            case PLAIN -> event.toPlain();
            case JSON -> event.toJson();
            case XML -> event.toXml();
        };
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
