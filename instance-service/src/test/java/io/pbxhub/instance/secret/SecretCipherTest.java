package io.pbxhub.instance.secret;

import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest {

    static final String KEY_A = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    static final String KEY_B = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());

    static SecretCipher cipher(String active, Map<String, String> keys) {
        return new SecretCipher(new SecretsConfig() {
            @Override
            public String activeKey() {
                return active;
            }

            @Override
            public Map<String, String> keys() {
                return keys;
            }

            @Override
            public boolean allowDevKey() {
                return false;
            }
        });
    }

    @Test
    void roundTripsUnicodeAndNeverRepeatsCiphertext() {
        SecretCipher c = cipher("a", Map.of("a", KEY_A));
        String first = c.encrypt("ClueCon-Ünïcødé");
        String second = c.encrypt("ClueCon-Ünïcødé");
        assertThat(first).startsWith("a:").isNotEqualTo(second).doesNotContain("ClueCon");
        assertThat(c.decrypt(first)).isEqualTo("ClueCon-Ünïcødé");
        assertThat(c.encrypt(null)).isNull();
    }

    @Test
    void aNewActiveKeyStillReadsOldSecretsAndMarksThemForRotation() {
        String underA = cipher("a", Map.of("a", KEY_A)).encrypt("secret");
        SecretCipher rotated = cipher("b", Map.of("a", KEY_A, "b", KEY_B));
        assertThat(rotated.decrypt(underA)).isEqualTo("secret");
        assertThat(rotated.needsRotation(underA)).isTrue();
        String underB = rotated.encrypt(rotated.decrypt(underA));
        assertThat(underB).startsWith("b:");
        assertThat(rotated.needsRotation(underB)).isFalse();
    }

    @Test
    void tamperedCiphertextOrRelabelledKeyIdFailsToDecrypt() {
        SecretCipher c = cipher("a", Map.of("a", KEY_A, "b", KEY_A));
        String sealed = c.encrypt("secret");
        String relabelled = "b" + sealed.substring(1);
        assertThatThrownBy(() -> c.decrypt(relabelled)).isInstanceOf(IllegalStateException.class);
        char[] chars = sealed.toCharArray();
        int i = "a:".length() + 20; // inside the ciphertext, away from base64 padding bits
        chars[i] = chars[i] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> c.decrypt(new String(chars))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void thePublicDevKeyIsRefusedWhereItIsNotAllowed() {
        assertThatThrownBy(() -> cipher("dev", Map.of("dev", KEY_A)))
                .hasMessageContaining("dev key");
        assertThatThrownBy(() -> cipher("missing", Map.of("a", KEY_A)))
                .hasMessageContaining("names no configured key");
    }
}
