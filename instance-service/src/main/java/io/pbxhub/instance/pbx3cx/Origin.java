package io.pbxhub.instance.pbx3cx;

/** Something a call can come from on a 3CX host, for routing configuration: an extension, a queue or a ring group. */
public record Origin(String type, String number, String name) {
}
