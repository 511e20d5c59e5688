package io.pbxhub.instance.pbx3cx;

/**
 * Someone a call session came from or reached, once per number: the display name and 3CX type (Extension, Line,
 * Queue, ...) come from the first call record that gives them.
 */
public record CallParticipant(String number, String name, String type) {
}
