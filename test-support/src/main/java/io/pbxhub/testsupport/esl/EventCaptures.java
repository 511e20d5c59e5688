package io.pbxhub.testsupport.esl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Real FreeSWITCH events captured on the wire (resources under {@code esl/}, origin in {@code esl/SOURCES.md}), parsed
 * once into templates the simulator copies and fills in per call.
 */
final class EventCaptures {

    static final String CHANNEL_CREATE = "esl/neventsocket_CHANNEL_CREATE.wire.txt";
    static final String CHANNEL_ANSWER = "esl/neventsocket_CHANNEL_ANSWER.wire.txt";
    static final String CHANNEL_HANGUP = "esl/neventsocket_CHANNEL_HANGUP.wire.txt";
    static final String CHANNEL_BRIDGE = "esl/neventsocket_CHANNEL_BRIDGE.wire.txt";
    static final String CHANNEL_UNBRIDGE = "esl/neventsocket_CHANNEL_UNBRIDGE.wire.txt";
    static final String SOFIA_REGISTER = "esl/genesis_CUSTOM_sofia_register.body.txt";
    static final String HEARTBEAT = "esl/greenswitch_HEARTBEAT.body.txt";
    static final String INBOUND_SESSION = "esl/neventsocket_inbound_session_auth_event_bgapi_BACKGROUND_JOB.wire.txt";

    private static final EventCaptures INSTANCE = new EventCaptures();

    private final EslEvent channelCreate;
    private final EslEvent channelAnswer;
    private final EslEvent channelHangup;
    private final EslEvent backgroundJob;
    private final EslEvent channelBridge;
    private final EslEvent channelUnbridge;
    private final EslEvent sofiaRegister;
    private final EslEvent heartbeat;

    private EventCaptures() {
        channelCreate = onlyEvent(CHANNEL_CREATE, "CHANNEL_CREATE");
        channelAnswer = onlyEvent(CHANNEL_ANSWER, "CHANNEL_ANSWER");
        channelHangup = onlyEvent(CHANNEL_HANGUP, "CHANNEL_HANGUP");
        backgroundJob = onlyEvent(INBOUND_SESSION, "BACKGROUND_JOB");
        channelBridge = onlyEvent(CHANNEL_BRIDGE, "CHANNEL_BRIDGE");
        channelUnbridge = onlyEvent(CHANNEL_UNBRIDGE, "CHANNEL_UNBRIDGE");
        sofiaRegister = parsePlainEvent(new String(read(SOFIA_REGISTER), StandardCharsets.UTF_8));
        heartbeat = parsePlainEvent(new String(read(HEARTBEAT), StandardCharsets.UTF_8));
    }

    static EventCaptures get() {
        return INSTANCE;
    }

    /** A B-leg CHANNEL_CREATE (outbound leg of a bridge), 2015. */
    EslEvent channelCreate() {
        return channelCreate.copy();
    }

    /** The A leg's CHANNEL_ANSWER, 2015. */
    EslEvent channelAnswer() {
        return channelAnswer.copy();
    }

    /** The A leg's CHANNEL_HANGUP after a bridged call, 2015. */
    EslEvent channelHangup() {
        return channelHangup.copy();
    }

    /** A BACKGROUND_JOB from an inbound session, 2013. */
    EslEvent backgroundJob() {
        return backgroundJob.copy();
    }

    /** The A leg's CHANNEL_BRIDGE with Bridge-A/B-Unique-ID and Other-Leg-*, 2015. */
    EslEvent channelBridge() {
        return channelBridge.copy();
    }

    /** The A leg's CHANNEL_UNBRIDGE, 2015. */
    EslEvent channelUnbridge() {
        return channelUnbridge.copy();
    }

    /** A CUSTOM sofia::register (headers only, the 2009 {@code statusd} spelling), 2009. */
    EslEvent sofiaRegister() {
        return sofiaRegister.copy();
    }

    /** A HEARTBEAT, FreeSWITCH 1.5, 2015. */
    EslEvent heartbeat() {
        return heartbeat.copy();
    }

    private static EslEvent onlyEvent(String resource, String eventName) {
        for (Frame frame : frames(read(resource))) {
            if ("text/event-plain".equals(frame.headers().get("content-type"))) {
                EslEvent event = parsePlainEvent(frame.body());
                if (eventName.equals(event.name())) {
                    return event;
                }
            }
        }
        throw new IllegalStateException("no " + eventName + " event in " + resource);
    }

    /** Splits captured socket bytes into frames: header block, blank line, Content-Length bytes of body. */
    static List<Frame> frames(byte[] wire) {
        List<Frame> frames = new ArrayList<>();
        int pos = 0;
        while (pos < wire.length) {
            int end = indexOf(wire, pos, "\n\n");
            if (end < 0) {
                break;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : new String(wire, pos, end - pos, StandardCharsets.UTF_8).split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                }
            }
            pos = end + 2;
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            frames.add(new Frame(headers, new String(wire, pos, length, StandardCharsets.UTF_8)));
            pos += length;
        }
        return frames;
    }

    /** Parses a text/event-plain body: url-encoded header lines, a blank line, then an optional nested body. */
    static EslEvent parsePlainEvent(String plain) {
        int blank = plain.indexOf("\n\n");
        String headerBlock = blank < 0 ? plain : plain.substring(0, blank);
        List<EslEvent.Header> headers = new ArrayList<>();
        String body = null;
        for (String line : headerBlock.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon);
            String value = EslUrlCodec.decode(line.substring(colon + 2));
            if ("Content-Length".equalsIgnoreCase(name)) {
                // the nested body length: the serializer writes it again from the body itself
                body = plain.substring(blank + 2);
            } else {
                headers.add(new EslEvent.Header(name, value));
            }
        }
        return EslEvent.fromHeaders(headers, body);
    }

    private static byte[] read(String resource) {
        try (InputStream in = EventCaptures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static int indexOf(byte[] data, int from, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
        outer : for (int i = from; i <= data.length - n.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (data[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** One captured frame; header names lower-cased. */
    record Frame(Map<String, String> headers, String body) {
    }
}
