package io.pbxhub.billing.instance;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The body of instance-service's internal credentials endpoint. Secrets stay out of {@link #toString()}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InstanceCredentials(UUID instanceId, String dbUsername, String dbPassword) {

    @Override
    public String toString() {
        return "InstanceCredentials[instanceId=" + instanceId + ", dbUsername=" + dbUsername + ", dbPassword="
                + (dbPassword == null ? "null" : "***") + "]";
    }
}
