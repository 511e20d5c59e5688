package io.pbxhub.instance.pbx;

import java.time.Instant;
import java.util.UUID;

/** An instance as the API shows it: every setting, and for each secret only whether it is set. */
public record InstanceView(UUID id, String tenantId, String name, String hostname, String pbxType, Database database,
        Esl esl, long version, Instant createdAt, Instant updatedAt) {

    public record Database(String type, String host, int port, String name, String username, boolean passwordSet) {
    }

    public record Esl(String host, int port, boolean passwordSet) {
    }

    static InstanceView of(PbxInstance i) {
        return new InstanceView(i.id, i.tenantId, i.name, i.hostname, i.pbxType,
                new Database(i.dbType, i.dbHost, i.dbPort, i.dbName, i.dbUsername, i.dbPasswordEncrypted != null),
                new Esl(i.eslHost, i.eslPort, i.eslPasswordEncrypted != null), i.version, i.createdAt, i.updatedAt);
    }
}
