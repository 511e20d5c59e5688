package io.pbxhub.esl.status;

import java.time.Instant;

/**
 * Spec 004's status answer (snake_case JSON): what FreeSWITCH says about itself, plus {@code lostEvents}: the events
 * it reported lost (its CRIT log) since this replica holds the instance's connection.
 */
public record SystemStatus(String status, String message, Instant timestamp, String version, String uptime,
        Long uptimeSeconds, Integer activeCalls, Integer totalExtensions, Integer registeredExtensions,
        long lostEvents) {
}
