package io.pbxhub.instance.pbx;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.pbxhub.instance.connection.ConnectionStatus;
import io.pbxhub.instance.status.InstanceStatusRecord;

/** An instance as the API shows it: every setting, for each secret only whether it is set, and its last status. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InstanceView(
        UUID id,
        String tenantId,
        String name,
        String hostname,
        String pbxType,
        Database database,
        Esl esl,
        Status status,
        Boolean retestAdvised,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    public record Database(String type, String host, int port, String name, String username, boolean passwordSet) {
    }

    public record Esl(String host, int port, boolean passwordSet) {
    }

    /** {@code state} is the list's four-way status; {@code esl_live} what the live ESL connection last reported. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(String state, String text, String databaseResult, String databaseReason, String eslResult,
            String eslReason, Instant checkedAt, String eslLive, String eslLiveReason, Instant eslLiveAt) {

        static Status of(InstanceStatusRecord r) {
            if (r == null) {
                return new Status(ConnectionStatus.UNKNOWN.name(), ConnectionStatus.UNKNOWN.label(), null, null, null,
                        null, null, null, null, null);
            }
            ConnectionStatus s = ConnectionStatus.valueOf(r.status);
            return new Status(s.name(), s.label(), r.databaseResult, r.databaseReason, r.eslResult, r.eslReason,
                    r.checkedAt, r.eslLive, r.eslLiveReason, r.eslLiveAt);
        }
    }

    public static InstanceView of(PbxInstance i, InstanceStatusRecord status) {
        return of(i, status, null);
    }

    static InstanceView of(PbxInstance i, InstanceStatusRecord status, Boolean retestAdvised) {
        return new InstanceView(i.id, i.tenantId, i.name, i.hostname, i.pbxType,
                new Database(i.dbType, i.dbHost, i.dbPort, i.dbName, i.dbUsername, i.dbPasswordEncrypted != null),
                new Esl(i.eslHost, i.eslPort, i.eslPasswordEncrypted != null),
                Status.of(status), retestAdvised, i.version, i.createdAt, i.updatedAt);
    }
}
