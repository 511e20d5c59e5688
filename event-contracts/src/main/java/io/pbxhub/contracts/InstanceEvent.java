package io.pbxhub.contracts;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A PBX instance was created, updated or deleted. Carries connection settings but never a secret: a consumer that must
 * connect fetches credentials from instance-service's internal endpoint. Key: instance id (compacted topic).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record InstanceEvent(UUID instanceId, Change change, long version, String tenantId, String name, String hostname,
        PbxType pbxType, String eslHost, Integer eslPort, String dbType, String dbHost, Integer dbPort, String dbName,
        Instant occurredAt) {

    public enum Change {
        CREATED,
        UPDATED,
        DELETED
    }

    public enum PbxType {
        FUSIONPBX,
        PBX3CX
    }
}
