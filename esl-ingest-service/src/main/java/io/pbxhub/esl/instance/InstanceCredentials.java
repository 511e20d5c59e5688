package io.pbxhub.esl.instance;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The body of instance-service's internal credentials endpoint. Secrets stay out of {@link #toString()}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InstanceCredentials(UUID instanceId, String eslPassword, String dbUsername, String dbPassword) {

    @Override
    public String toString() {
        return "InstanceCredentials[instanceId=" + instanceId + ", eslPassword=" + mask(eslPassword) + ", dbUsername="
                + dbUsername + ", dbPassword=" + mask(dbPassword) + "]";
    }

    private static String mask(String secret) {
        return secret == null ? "null" : "***";
    }
}
