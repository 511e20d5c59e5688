package io.pbxhub.esl.connection;

import java.util.UUID;

/** The PBX a connection talks to, as instance-events describe it (the password is fetched separately). */
public record EslInstance(UUID instanceId, String tenantId, String host, int port) {

    /** Same ESL endpoint: a changed name or tenant does not justify dropping a live connection. */
    public boolean sameEndpoint(EslInstance other) {
        return other != null && host.equals(other.host) && port == other.port;
    }
}
