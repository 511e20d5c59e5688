package io.pbxhub.testsupport.esl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A session's {@code filter} list, applied as event_handler in mod_event_socket.c does: with no filter every
 * subscribed event passes; otherwise an event passes when one filter matches (header value equal ignoring case, or a
 * {@code /regex/} value found in it), and a value prefixed {@code -} excludes the events it matches. Only listed
 * {@code -} filters therefore let nothing through, as in FreeSWITCH.
 */
final class EventFilters {

    private final List<EslEvent.Header> filters = new ArrayList<>();

    /** {@code filter [add] <Header> <value>} / {@code filter delete <Header> [<value>]} / {@code filter delete all}. */
    synchronized String command(String arguments) {
        String rest = arguments.stripLeading();
        int space = rest.indexOf(' ');
        String name = space < 0 ? rest : rest.substring(0, space);
        String value = space < 0 ? null : rest.substring(space + 1);
        if ("delete".equalsIgnoreCase(name) && value != null) {
            int next = value.indexOf(' ');
            String header = next < 0 ? value : value.substring(0, next);
            String headerValue = next < 0 ? null : value.substring(next + 1);
            if ("all".equalsIgnoreCase(header)) {
                filters.clear();
            } else {
                filters.removeIf(f -> f.name().equalsIgnoreCase(header)
                        && (headerValue == null || headerValue.isEmpty() || f.value().equals(headerValue)));
            }
            return "+OK filter deleted. [" + header + "][" + (headerValue == null ? "" : headerValue) + "]";
        }
        if (value == null) {
            return "-ERR invalid syntax";
        }
        if ("add".equalsIgnoreCase(name)) {
            int next = value.indexOf(' ');
            if (next < 0) {
                // FreeSWITCH would add a header without a value, which matches nothing
                return "-ERR invalid syntax";
            }
            name = value.substring(0, next);
            value = value.substring(next + 1);
        }
        filters.add(new EslEvent.Header(name, value));
        return "+OK filter added. [" + name + "]=[" + value + "]";
    }

    synchronized boolean isEmpty() {
        return filters.isEmpty();
    }

    synchronized boolean pass(EslEvent event) {
        if (filters.isEmpty()) {
            return true;
        }
        boolean send = false;
        for (EslEvent.Header filter : filters) {
            String actual = event.get(filter.name()).orElse(null);
            if (actual == null) {
                continue;
            }
            String wanted = filter.value();
            boolean positive = true;
            int i = 0;
            while (i < wanted.length() && (wanted.charAt(i) == '+' || wanted.charAt(i) == '-'
                    || wanted.charAt(i) == ' ')) {
                if (wanted.charAt(i) != ' ') {
                    positive = wanted.charAt(i) == '+';
                }
                i++;
            }
            wanted = wanted.substring(i);
            if (send && positive) {
                continue;
            }
            if (matches(actual, wanted, filter.value().startsWith("/"))) {
                if (!positive) {
                    return false;
                }
                send = true;
            }
        }
        return send;
    }

    /**
     * A value that starts with {@code /} (before any +/-) is a {@code /regex/flags} searched in the header, as
     * switch_regex_perform does (flags i, s, m, x); otherwise the comparison ignores case.
     */
    private static boolean matches(String actual, String wanted, boolean regex) {
        if (!regex) {
            return actual.toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT));
        }
        String pattern = wanted.startsWith("/") ? wanted.substring(1) : wanted;
        int flags = 0;
        int end = pattern.lastIndexOf('/');
        if (wanted.startsWith("/") && end >= 0) {
            for (char f : pattern.substring(end + 1).toCharArray()) {
                flags |= switch (f) {
                    case 'i' -> Pattern.CASE_INSENSITIVE;
                    case 's' -> Pattern.DOTALL;
                    case 'm' -> Pattern.MULTILINE;
                    case 'x' -> Pattern.COMMENTS;
                    default -> 0;
                };
            }
            pattern = pattern.substring(0, end);
        }
        try {
            return Pattern.compile(pattern, flags).matcher(actual).find();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }
}
