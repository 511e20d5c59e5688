package io.pbxhub.esl.instance;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceCredentialsTest {

    @Test
    void secretsNeverShowInToStringSoTheyCannotReachALog() {
        InstanceCredentials credentials = new InstanceCredentials(UUID.randomUUID(), "esl-s3cret", "fusionpbx",
                "db-s3cret");

        assertThat(credentials.toString()).doesNotContain("esl-s3cret").doesNotContain("db-s3cret")
                .contains("fusionpbx").contains(credentials.instanceId().toString());
    }
}
