package io.pbxhub.esl.connection;

/** CDI event: the connection is authenticated and subscribed; fired on its event loop, observers must not block. */
public record EslConnectionUp(EslConnection connection) {
}
