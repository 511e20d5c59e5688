package io.pbxhub.esl.status;

import java.time.Instant;

/** Spec 004's status answer (snake_case JSON): what FreeSWITCH says about itself. */
public record SystemStatus(String status, String message, Instant timestamp, String version, String uptime,
        Long uptimeSeconds, Integer activeCalls, Integer totalExtensions, Integer registeredExtensions) {
}
