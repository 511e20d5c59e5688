package io.pbxhub.esl.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The real ESL captures under {@code src/test/resources/esl/} (see SOURCES.md there), read and decoded. */
public final class WireCaptures {

    public static final String EXAMPLE1 = "neventsocket_outbound_session_Example1.wire.txt";
    public static final String INBOUND_BGAPI = "neventsocket_inbound_session_auth_event_bgapi_BACKGROUND_JOB.wire.txt";

    private WireCaptures() {
    }

    public static byte[] bytes(String name) {
        try (InputStream in = WireCaptures.class.getResourceAsStream("/esl/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no capture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every frame of a capture, decoded in one piece; fails on any protocol error. */
    public static List<EslFrame> frames(String name) {
        List<EslFrame> frames = new ArrayList<>();
        EslFrameDecoder decoder = new EslFrameDecoder(frames::add, e -> {
            throw new AssertionError("protocol error in " + name + ": " + e.getMessage(), e);
        });
        byte[] bytes = bytes(name);
        decoder.feed(bytes, 0, bytes.length);
        decoder.end();
        return frames;
    }

    /** The events of a capture, in order. */
    public static List<EslEvent> events(String name) {
        return frames(name).stream().map(EslFrame::event).filter(e -> e != null).toList();
    }

    /** The {@code index}-th event named {@code eventName} in a capture (0-based). */
    public static EslEvent event(String capture, String eventName, int index) {
        return events(capture).stream().filter(e -> eventName.equals(e.name())).skip(index).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(capture + " has no " + eventName + " #" + index));
    }
}
