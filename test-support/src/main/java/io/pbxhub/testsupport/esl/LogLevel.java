package io.pbxhub.testsupport.esl;

import java.util.Locale;
import java.util.Optional;

/** FreeSWITCH log levels (switch_log_level_t) with the numbers {@code log} replies and log/data frames carry. */
public enum LogLevel {
    CONSOLE,
    ALERT,
    CRIT,
    ERR,
    WARNING,
    NOTICE,
    INFO,
    DEBUG;

    public int number() {
        return ordinal();
    }

    /** switch_log_str2level: a name (any case) or a number (clamped to 0..7). */
    static Optional<LogLevel> parse(String word) {
        if (word.matches("-?[0-9]{1,9}")) {
            return Optional.of(values()[Math.max(0, Math.min(DEBUG.ordinal(), Integer.parseInt(word)))]);
        }
        String upper = word.toUpperCase(Locale.ROOT);
        for (LogLevel level : values()) {
            if (level.name().equals(upper)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
