package io.pbxhub.testsupport.esl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A FreeSWITCH event: an ordered list of headers holding decoded values (names may repeat, as {@code Hangup-Cause} does
 * in CHANNEL_HANGUP_COMPLETE) and an optional body. Serializes the way {@code switch_event_serialize} (plain) and
 * {@code switch_event_serialize_json} do.
 */
final class EslEvent {

    private static final String ARRAY_PREFIX = "ARRAY::";
    private static final String ARRAY_SEPARATOR = "|:";

    private final List<Header> headers;
    private String body;

    private EslEvent(List<Header> headers, String body) {
        this.headers = headers;
        this.body = body;
    }

    static EslEvent named(String eventName) {
        EslEvent event = new EslEvent(new ArrayList<>(), null);
        event.add("Event-Name", eventName);
        return event;
    }

    static EslEvent fromHeaders(List<Header> headers, String body) {
        return new EslEvent(new ArrayList<>(headers), body);
    }

    EslEvent copy() {
        return new EslEvent(new ArrayList<>(headers), body);
    }

    String name() {
        return get("Event-Name").orElse("");
    }

    /** The first value of the header, compared case-insensitively like switch_event_get_header. */
    Optional<String> get(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return Optional.of(h.value());
            }
        }
        return Optional.empty();
    }

    boolean has(String name) {
        return get(name).isPresent();
    }

    List<Header> headers() {
        return List.copyOf(headers);
    }

    Optional<String> body() {
        return Optional.ofNullable(body);
    }

    EslEvent body(String newBody) {
        this.body = newBody;
        return this;
    }

    EslEvent add(String name, String value) {
        headers.add(new Header(name, value));
        return this;
    }

    /** Replaces the value of every header with this name; appends one if there is none. */
    EslEvent set(String name, String value) {
        if (!replace(name, value)) {
            add(name, value);
        }
        return this;
    }

    /** Replaces the value of every header with this name, only where present. */
    EslEvent setIfPresent(String name, String value) {
        replace(name, value);
        return this;
    }

    /** Inserts a header right after the first header named {@code anchor}, or at the end when there is none. */
    EslEvent insertAfter(String anchor, String name, String value) {
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).name().equalsIgnoreCase(anchor)) {
                headers.add(i + 1, new Header(name, value));
                return this;
            }
        }
        return add(name, value);
    }

    EslEvent remove(String name) {
        headers.removeIf(h -> h.name().equalsIgnoreCase(name));
        return this;
    }

    EslEvent removeIf(Predicate<String> nameMatches) {
        headers.removeIf(h -> nameMatches.test(h.name()));
        return this;
    }

    /** Rewrites every header value (e.g. to swap the capture's UUIDs for the call's). */
    EslEvent mapValues(UnaryOperator<String> mapper) {
        headers.replaceAll(h -> new Header(h.name(), mapper.apply(h.value())));
        return this;
    }

    private boolean replace(String name, String value) {
        boolean found = false;
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).name().equalsIgnoreCase(name)) {
                headers.set(i, new Header(name, value));
                found = true;
            }
        }
        return found;
    }

    /**
     * {@code Name: <url-encoded value>\n} per header; an empty value is written {@code _undef_}. Without a body a blank
     * line ends the event; with one, {@code Content-Length: n\n\n<body>} follows inside the event.
     */
    String toPlain() {
        StringBuilder out = new StringBuilder(4096);
        for (Header h : headers) {
            String value = h.value().isEmpty() ? "_undef_" : EslUrlCodec.encode(h.value());
            out.append(h.name()).append(": ").append(value).append('\n');
        }
        if (body != null && !body.isEmpty()) {
            out.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\n\n")
                    .append(body);
        } else {
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * One unformatted JSON object as cJSON prints it: every value a string, {@code ARRAY::a|:b} values as arrays, a
     * body
     * as {@code Content-Length} plus {@code _body}. Values are not url-encoded.
     */
    String toJson() {
        StringBuilder out = new StringBuilder(4096).append('{');
        boolean first = true;
        for (Header h : headers) {
            first = member(out, first, h.name());
            if (h.value().startsWith(ARRAY_PREFIX)) {
                out.append('[');
                String[] items = h.value().substring(ARRAY_PREFIX.length()).split("\\|:", -1);
                for (int i = 0; i < items.length; i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    jsonString(out, items[i]);
                }
                out.append(']');
            } else {
                jsonString(out, h.value());
            }
        }
        if (body != null) {
            first = member(out, first, "Content-Length");
            jsonString(out, Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
            member(out, first, "_body");
            jsonString(out, body);
        }
        return out.append('}').toString();
    }

    /**
     * What switch_event_xmlize and switch_xml_toxml write: {@code <event>}, a {@code <headers>} element with one
     * child per header (url-encoded text, one element per item of an array header), then for a non-empty body
     * {@code <Content-Length>} and {@code <body>} (XML-escaped); two-space indent, no XML declaration, no final LF.
     */
    String toXml() {
        StringBuilder out = new StringBuilder(8192).append("<event>\n  <headers>");
        for (Header h : headers) {
            if (h.value().startsWith(ARRAY_PREFIX)) {
                for (String item : h.value().substring(ARRAY_PREFIX.length()).split("\\|:", -1)) {
                    xmlElement(out, "\n    ", h.name(), EslUrlCodec.encode(item));
                }
            } else {
                xmlElement(out, "\n    ", h.name(), EslUrlCodec.encode(h.value()));
            }
        }
        out.append("\n  </headers>");
        if (body != null && !body.isEmpty()) {
            xmlElement(out, "\n  ", "Content-Length",
                    Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
            xmlElement(out, "\n  ", "body", body);
        }
        return out.append("\n</event>").toString();
    }

    /** One leaf element; its text escaped as switch_xml_ampencode does. */
    private static void xmlElement(StringBuilder out, String indent, String name, String text) {
        out.append(indent).append('<').append(name).append('>');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\r' -> out.append("&#xD;");
                default -> out.append(c);
            }
        }
        out.append("</").append(name).append('>');
    }

    private static boolean member(StringBuilder out, boolean first, String name) {
        if (!first) {
            out.append(',');
        }
        jsonString(out, name);
        out.append(':');
        return false;
    }

    /** cJSON's print_string_ptr: escapes quote, backslash and control characters; everything else as is. */
    private static void jsonString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    static String arrayValue(String... items) {
        return ARRAY_PREFIX + String.join(ARRAY_SEPARATOR, items);
    }

    @Override
    public String toString() {
        return "EslEvent[" + name() + ", " + headers.size() + " headers]";
    }

    /** One header with its decoded value. */
    record Header(String name, String value) {
    }
}
