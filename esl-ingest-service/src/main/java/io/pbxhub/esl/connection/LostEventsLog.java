package io.pbxhub.esl.connection;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the two CRIT lines mod_event_socket logs when a listener's event queue overflowed:
 * {@code Lost [N] events! Event Queue size: [q/max]} (when the queue takes events again) and
 * {@code Killing listener because of too many lost events. Lost [N] Queue size[q/max]} (before dropping it). FreeSWITCH
 * does not say which listener lost them, so with several ESL clients on one switch these count the losses of all.
 */
public final class LostEventsLog {

    private static final Pattern LOST = Pattern.compile(
            "(?:\\bLost \\[(\\d{1,18})\\] events! Event Queue size: \\[)"
                    + "|(?:Killing listener because of too many lost events\\. Lost \\[(\\d{1,18})\\] Queue size\\[)");

    private LostEventsLog() {
    }

    /** N of either message in a log line (console format, with its time and level prefix); 0 for any other line. */
    public static long lostEvents(String logLine) {
        if (logLine == null) {
            return 0;
        }
        Matcher m = LOST.matcher(logLine);
        if (!m.find()) {
            return 0;
        }
        return Long.parseLong(m.group(1) != null ? m.group(1) : m.group(2));
    }
}
