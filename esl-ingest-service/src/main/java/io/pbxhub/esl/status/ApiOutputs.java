package io.pbxhub.esl.status;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for the text FreeSWITCH's {@code api} commands print (formats from switch_console/mod_commands/mod_sofia).
 */
final class ApiOutputs {

    private static final Pattern VERSION = Pattern.compile("FreeSWITCH Version (\\d+(?:\\.\\d+)*)");
    private static final Pattern UP = Pattern.compile("^UP ((?:\\d+ [a-z]+(?:, )?)+)", Pattern.MULTILINE);
    private static final Pattern UNIT = Pattern.compile("(\\d+) ([a-z]+)");
    private static final Pattern TOTAL = Pattern.compile("^(\\d+) total\\.?\\s*$", Pattern.MULTILINE);

    private ApiOutputs() {
    }

    /** {@code api version}: "FreeSWITCH Version 1.10.9-release+git~... (git ...)" → "1.10.9". */
    static String version(String output) {
        Matcher m = VERSION.matcher(output);
        return m.find() ? m.group(1) : null;
    }

    /** The UP line of {@code api status}, in seconds; null when there is none. */
    static Long uptimeSeconds(String output) {
        Matcher up = UP.matcher(output);
        if (!up.find()) {
            return null;
        }
        long seconds = 0;
        Matcher unit = UNIT.matcher(up.group(1));
        while (unit.find()) {
            long n = Long.parseLong(unit.group(1));
            seconds += switch (unit.group(2)) {
                case "year", "years" -> n * 365 * 86_400;
                case "day", "days" -> n * 86_400;
                case "hour", "hours" -> n * 3_600;
                case "minute", "minutes" -> n * 60;
                case "second", "seconds" -> n;
                default -> 0;
            };
        }
        return seconds;
    }

    /** Seconds as FusionPBX's status page words it: the two largest non-zero units, e.g. "7 days, 3 hours". */
    static String uptimeText(long seconds) {
        long[] sizes = {86_400, 3_600, 60, 1};
        String[] names = {"day", "hour", "minute", "second"};
        List<String> parts = new ArrayList<>();
        long rest = seconds;
        for (int i = 0; i < sizes.length; i++) {
            long n = rest / sizes[i];
            rest %= sizes[i];
            if (n > 0 && parts.size() < 2) {
                parts.add(n + " " + names[i] + (n == 1 ? "" : "s"));
            }
        }
        return parts.isEmpty() ? "0 seconds" : String.join(", ", parts);
    }

    /** "N total." of {@code show calls count} / {@code show registrations}. */
    static Integer total(String output) {
        Matcher m = TOTAL.matcher(output);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    /** The users ({@code user@domain}) of {@code list_users}: a header line, pipe-separated rows, then "+OK". */
    static Set<String> listUsers(String output) {
        Set<String> users = new LinkedHashSet<>();
        String[] lines = output.split("\n");
        if (lines.length == 0 || !lines[0].startsWith("userid|")) {
            return users;
        }
        for (int i = 1; i < lines.length; i++) {
            String[] cols = lines[i].split("\\|", -1);
            if (cols.length >= 3 && !cols[0].isBlank()) {
                users.add(cols[0].strip() + "@" + cols[2].strip().toLowerCase(Locale.ROOT));
            }
        }
        return users;
    }

    /** One registration block of {@code sofia status profile internal reg}. */
    record Registration(String user, String domain, String agent, String status, String ip, String port) {
    }

    /**
     * {@code sofia status profile <profile> reg}: blocks of {@code Name:<spaces>\tvalue} lines (Call-ID, User, Contact,
     * Agent, Status, Host, IP, Port, Auth-User, Auth-Realm, MWI-Account) separated by blank lines.
     */
    static List<Registration> sofiaRegistrations(String output) {
        List<Registration> result = new ArrayList<>();
        for (String block : output.replace("\r", "").split("\n\\s*\n")) {
            String user = field(block, "User");
            if (field(block, "Call-ID") == null || user == null) {
                continue;
            }
            int at = user.lastIndexOf('@');
            result.add(new Registration(at < 0 ? user : user.substring(0, at),
                    at < 0 ? null : user.substring(at + 1).toLowerCase(Locale.ROOT), field(block, "Agent"),
                    field(block, "Status"), field(block, "IP"), field(block, "Port")));
        }
        return result;
    }

    private static String field(String block, String name) {
        for (String line : block.split("\n")) {
            if (line.startsWith(name + ":")) {
                String value = line.substring(name.length() + 1).strip();
                return value.isEmpty() || "(null)".equals(value) ? null : value;
            }
        }
        return null;
    }
}
