package io.pbxhub.instance.audit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SecretFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"password", "web_password", "db_password_encrypted", "ESL_PASSWORD", "secret",
            "clientSecret", "ssh_key", "licence_key", "apiKey", "token", "refresh_token", "keys"})
    void namesOfSecretsAreDropped(String property) {
        assertThat(SecretFilter.isSecret(property)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"web_password_set", "ssh_key_set", "licence_key_set", "passwordSet", "host_name",
            "name", "active", "pbx_map", "comment"})
    void flagsAndOrdinaryFieldsAreKept(String property) {
        assertThat(SecretFilter.isSecret(property)).isFalse();
    }
}
