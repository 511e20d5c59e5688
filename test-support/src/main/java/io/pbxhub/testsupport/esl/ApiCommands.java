package io.pbxhub.testsupport.esl;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The few FreeSWITCH API commands the simulator answers, with mod_commands' and mod_sofia's output formats:
 * {@code status}, {@code version}, {@code show calls|channels count} (calls rung and not yet hung up),
 * {@code show registrations} and {@code sofia status profile internal reg} (from the registrations the simulator
 * holds), {@code list_users} (its user directory). A command whose module was unloaded is not found, as in
 * FreeSWITCH.
 */
final class ApiCommands {

    static final String VERSION_FULL = "1.10.12-release~64bit";
    static final String VERSION_HUMAN = "1.10.12";
    static final String REVISION_HUMAN = "-release 64bit";

    /** SHOW_SYNTAX of mod_commands, printed for a show command the simulator does not know. */
    private static final String SHOW_SYNTAX = "codec|application|api|dialplan|file|timer|calls [count]"
            + "|channels [count]|aliases|complete|chat|endpoint|management|say|interfaces|interface_types";

    /** The separator line mod_sofia prints around its status tables. */
    static final String SOFIA_LINE = "=".repeat(97);

    private final Instant startedAt;
    private final LongSupplier channelsSinceStartup;
    private final LongSupplier callsInProgress;
    private final Supplier<List<Map<String, String>>> channels;
    private final Registrations registrations;
    private final SwitchClock clock;
    private final String hostname;
    private final Set<String> unloaded = ConcurrentHashMap.newKeySet();

    ApiCommands(Instant startedAt, LongSupplier channelsSinceStartup, LongSupplier callsInProgress,
            Supplier<List<Map<String, String>>> channels, Registrations registrations, SwitchClock clock,
            String hostname) {
        this.channels = channels;
        this.startedAt = startedAt;
        this.channelsSinceStartup = channelsSinceStartup;
        this.callsInProgress = callsInProgress;
        this.registrations = registrations;
        this.clock = clock;
        this.hostname = hostname;
    }

    /** The command is gone, as when the module providing it is not loaded: FreeSWITCH then finds no such command. */
    void unload(String command) {
        unloaded.add(command);
    }

    void reloadAll() {
        unloaded.clear();
    }

    Instant startedAt() {
        return startedAt;
    }

    /** The command's output, or empty when there is no such command (the caller writes "Command not found!"). */
    Optional<String> execute(String command, String arg) {
        if (unloaded.contains(command)) {
            return Optional.empty();
        }
        return switch (command) {
            case "list_users" -> Optional.of(listUsers());
            case "status" -> Optional.of(status());
            case "version" -> Optional.of(version(arg));
            case "show" -> Optional.of(show(arg));
            case "sofia" -> Optional.of(sofia(arg));
            default -> Optional.empty();
        };
    }

    /** {@code 0 years, 0 days, 1 hour, ...} as status and HEARTBEAT's Up-Time write it. */
    String upTime() {
        Duration up = Duration.between(startedAt, Instant.now());
        long micros = up.toNanos() / 1_000;
        return unit(0, "year") + ", " + unit(up.toDays(), "day") + ", " + unit(up.toHoursPart(), "hour")
                + ", " + unit(up.toMinutesPart(), "minute") + ", " + unit(up.toSecondsPart(), "second") + ", "
                + unit(up.toMillisPart(), "millisecond") + ", " + unit(micros % 1_000, "microsecond");
    }

    private String status() {
        long since = channelsSinceStartup.getAsLong();
        int peak = since > 0 ? 1 : 0;
        return "UP " + upTime() + "\n"
                + "FreeSWITCH (Version " + VERSION_HUMAN + " " + REVISION_HUMAN + ") is ready\n"
                + since + " session(s) since startup\n"
                + callsInProgress.getAsLong() + " session(s) - peak " + peak + ", last 5min " + peak + " \n"
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

    private String show(String arg) {
        String[] words = arg == null ? new String[]{""} : arg.trim().toLowerCase(Locale.ROOT).split(" +");
        return switch (words[0]) {
            case "calls" -> words.length > 1 && "count".equals(words[1])
                    ? "\n" + callsInProgress.getAsLong() + " total.\n"
                    // the simulator does not list its calls row by row
                    : "\n0 total.\n";
            case "channels" -> words.length > 1 && "count".equals(words[1])
                    ? "\n" + channels.get().size() + " total.\n"
                    : words.length > 2 && "as".equals(words[1]) && "json".equals(words[2])
                            ? channelsJson(channels.get())
                            : channelsCsv(channels.get());
            case "detailed_calls", "bridged_calls", "detailed_bridged_calls" -> "\n0 total.\n";
            case "registrations" -> showRegistrations();
            default -> "-USAGE: " + SHOW_SYNTAX + "\n";
        };
    }

    /** {@code show channels}: a CSV header, one row per channel, a blank line and the total ("\n0 total." if none). */
    private static String channelsCsv(List<Map<String, String>> rows) {
        if (rows.isEmpty()) {
            return "\n0 total.\n";
        }
        StringBuilder out = new StringBuilder(String.join(",", CallFlows.CHANNEL_COLUMNS)).append('\n');
        for (Map<String, String> row : rows) {
            out.append(String.join(",", row.values())).append('\n');
        }
        return out.append('\n').append(rows.size()).append(" total.\n").toString();
    }

    /**
     * {@code show channels as json}: {@code {"row_count":N,"rows":[{column:value,...},...]}} with every value a
     * string, or just {@code {"row_count":0}} when there are none, as mod_commands' JSON callback builds it.
     */
    private static String channelsJson(List<Map<String, String>> rows) {
        StringBuilder out = new StringBuilder("{\"row_count\":").append(rows.size());
        if (!rows.isEmpty()) {
            out.append(",\"rows\":[");
            for (int i = 0; i < rows.size(); i++) {
                out.append(i == 0 ? "{" : ",{");
                boolean first = true;
                for (Map.Entry<String, String> column : rows.get(i).entrySet()) {
                    out.append(first ? "" : ",").append(jsonString(column.getKey())).append(':')
                            .append(jsonString(column.getValue()));
                    first = false;
                }
                out.append('}');
            }
            out.append(']');
        }
        return out.append("}\n").toString();
    }

    private static String jsonString(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /**
     * mod_commands' {@code list_users}: a header, one pipe-separated row per directory user (the contact of its
     * registration, or {@code error/user_not_registered}), a blank line and "+OK".
     */
    private String listUsers() {
        StringBuilder out = new StringBuilder(
                "userid|context|domain|group|contact|callgroup|effective_caller_id_name|effective_caller_id_number\n");
        for (String user : registrations.users()) {
            int at = user.lastIndexOf('@');
            String extension = user.substring(0, at);
            String domain = user.substring(at + 1);
            String contact = registrations.find(extension, domain)
                    .map(r -> "sofia/internal/sip:" + extension + "@" + r.ip() + ":" + r.port())
                    .orElse("error/user_not_registered");
            out.append(extension).append('|').append(domain).append('|').append(domain).append("|default|")
                    .append(contact).append("||Extension ").append(extension).append('|').append(extension)
                    .append('\n');
        }
        return out.append("\n+OK\n").toString();
    }

    /** The core db's registrations table as {@code show} prints it: a CSV header, one row each, the total. */
    private String showRegistrations() {
        List<Registrations.Registration> all = registrations.all();
        if (all.isEmpty()) {
            return "\n0 total.\n";
        }
        StringBuilder out = new StringBuilder(
                "reg_user,realm,token,url,expires,network_ip,network_port,network_proto,hostname,metadata\n");
        for (Registrations.Registration r : all) {
            out.append(r.extension()).append(',').append(r.domain()).append(',').append(r.callId()).append(',')
                    .append("sofia/internal/sip:").append(r.extension()).append('@').append(r.ip()).append(':')
                    .append(r.port()).append(',').append(r.expiresEpochSeconds()).append(',').append(r.ip())
                    .append(',').append(r.port()).append(",udp,").append(hostname).append(",\n");
        }
        return out.append("\n").append(all.size()).append(" total.\n").toString();
    }

    /** {@code sofia status profile internal reg}; other sofia commands are beyond the simulator. */
    private String sofia(String arg) {
        String[] words = arg == null ? new String[0] : arg.trim().split(" +");
        if (words.length >= 4 && "status".equalsIgnoreCase(words[0]) && "profile".equalsIgnoreCase(words[1])
                && "reg".equalsIgnoreCase(words[3])) {
            if (!"internal".equals(words[2])) {
                return "Invalid Profile [" + words[2] + "]\n";
            }
            return sofiaRegistrations();
        }
        return "-ERR the simulator only answers: sofia status profile internal reg\n";
    }

    private String sofiaRegistrations() {
        long now = System.currentTimeMillis() / 1_000;
        StringBuilder out = new StringBuilder("\nRegistrations:\n").append(SOFIA_LINE).append('\n');
        List<Registrations.Registration> all = registrations.all();
        for (Registrations.Registration r : all) {
            long expires = r.expiresEpochSeconds();
            out.append("Call-ID:    \t").append(r.callId()).append('\n')
                    .append("User:       \t").append(r.extension()).append('@').append(r.domain()).append('\n')
                    .append("Contact:    \t").append(r.contact()).append('\n')
                    .append("Agent:      \t").append(r.userAgent()).append('\n')
                    .append("Status:     \tRegistered(UDP)(unknown) EXP(")
                    .append(clock.local(expires * 1_000_000)).append(") EXPSECS(").append(expires - now)
                    .append(")\n")
                    .append("Ping-Status:\tReachable\n")
                    .append("Ping-Time:\t0.00\n")
                    .append("Host:       \t").append(hostname).append('\n')
                    .append("IP:         \t").append(r.ip()).append('\n')
                    .append("Port:       \t").append(r.port()).append('\n')
                    .append("Auth-User:  \t").append(r.extension()).append('\n')
                    .append("Auth-Realm: \t").append(r.domain()).append('\n')
                    .append("MWI-Account:\t").append(r.extension()).append('@').append(r.domain()).append("\n\n");
        }
        return out.append("Total items returned: ").append(all.size()).append('\n').append(SOFIA_LINE)
                .append('\n').toString();
    }
}
