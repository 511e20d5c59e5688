package io.pbxhub.instance.pbx;

import java.util.UUID;

/** Decrypted secrets of one instance, served only to other services over the internal endpoint. */
public record InstanceCredentials(UUID instanceId, String eslPassword, String dbUsername, String dbPassword) {

    @Override
    public String toString() {
        return "InstanceCredentials[" + instanceId + ", secrets hidden]";
    }
}
