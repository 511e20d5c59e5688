package io.pbxhub.esl.connection;

/** CDI event: the instance's connection failed or was lost (a reconnect is scheduled); observers must not block. */
public record EslConnectionDown(EslInstance instance, String reason) {
}
