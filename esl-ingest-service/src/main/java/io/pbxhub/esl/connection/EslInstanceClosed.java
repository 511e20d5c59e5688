package io.pbxhub.esl.connection;

import java.util.UUID;

/** CDI event: this replica no longer holds the instance's connection (deleted, no ESL, or partition moved away). */
public record EslInstanceClosed(UUID instanceId) {
}
