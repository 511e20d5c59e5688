package io.pbxhub.testsupport.esl;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The few FreeSWITCH API commands the simulator answers, with mod_commands' output format. There are never live calls
 * (a played call is over when {@code play} returns), so every channel count is 0.
 */
final class ApiCommands {

    static final String VERSION_FULL = "1.10.12-release~64bit";
    static final String VERSION_HUMAN = "1.10.12";
    static final String REVISION_HUMAN = "-release 64bit";

    /** SHOW_SYNTAX of mod_commands, printed for a show command the simulator does not know. */
    private static final String SHOW_SYNTAX = "codec|application|api|dialplan|file|timer|calls [count]"
            + "|channels [count]|aliases|complete|chat|endpoint|management|say|interfaces|interface_types";

    private final Instant startedAt;
    private final LongSupplier channelsSinceStartup;

    ApiCommands(Instant startedAt, LongSupplier channelsSinceStartup) {
        this.startedAt = startedAt;
        this.channelsSinceStartup = channelsSinceStartup;
    }

    /** The command's output, or empty when there is no such command (the caller writes "Command not found!"). */
    Optional<String> execute(String command, String arg) {
        return switch (command) {
            case "status" -> Optional.of(status());
            case "version" -> Optional.of(version(arg));
            case "show" -> Optional.of(show(arg));
            default -> Optional.empty();
        };
    }

    private String status() {
        Duration up = Duration.between(startedAt, Instant.now());
        long micros = up.toNanos() / 1_000;
        long since = channelsSinceStartup.getAsLong();
        int peak = since > 0 ? 1 : 0;
        return "UP " + unit(0, "year") + ", " + unit(up.toDays(), "day") + ", " + unit(up.toHoursPart(), "hour")
                + ", " + unit(up.toMinutesPart(), "minute") + ", " + unit(up.toSecondsPart(), "second") + ", "
                + unit(up.toMillisPart(), "millisecond") + ", " + unit(micros % 1_000, "microsecond") + "\n"
                + "FreeSWITCH (Version " + VERSION_HUMAN + " " + REVISION_HUMAN + ") is ready\n"
                + since + " session(s) since startup\n"
                + "0 session(s) - peak " + peak + ", last 5min " + peak + " \n"
                + "0 session(s) per Sec out of max 30, peak " + peak + ", last 5min " + peak + " \n"
                + "1000 session(s) max\n"
                + "min idle cpu 0.00/100.00\n"
                + "Current Stack Size/Max 240K/8192K\n";
    }

    private static String unit(long value, String name) {
        return value + " " + name + (value == 1 ? "" : "s");
    }

    private static String version(String arg) {
        if (arg != null && arg.toLowerCase(Locale.ROOT).contains("short")) {
            return VERSION_HUMAN + "\n";
        }
        return "FreeSWITCH Version " + VERSION_FULL + " (" + REVISION_HUMAN + ")\n";
    }

    private static String show(String arg) {
        String what = arg == null ? "" : arg.trim().split(" ")[0].toLowerCase(Locale.ROOT);
        return switch (what) {
            case "calls", "channels", "detailed_calls", "bridged_calls", "detailed_bridged_calls" -> "\n0 total.\n";
            default -> "-USAGE: " + SHOW_SYNTAX + "\n";
        };
    }
}
