package io.pbxhub.instance.secret;

import java.util.Map;

import io.smallrye.config.ConfigMapping;

/**
 * Keys for encrypting secrets at rest. {@code pbxhub.secrets.keys.<id>} holds a base64 AES key (128/192/256 bit);
 * {@code pbxhub.secrets.active-key} names the key new secrets are encrypted with. Older keys stay listed until every
 * secret has been re-encrypted, which is what makes rotation possible.
 */
@ConfigMapping(prefix = "pbxhub.secrets")
public interface SecretsConfig {

    String activeKey();

    Map<String, String> keys();

    /** Whether the public key named "dev" may be the active key; false in production. */
    boolean allowDevKey();
}
