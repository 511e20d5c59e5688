package io.pbxhub.contracts;

/** Direction of a call as the PBX sees it (FusionPBX's {@code call_direction}). */
public enum Direction {
    INBOUND,
    OUTBOUND,
    LOCAL
}
