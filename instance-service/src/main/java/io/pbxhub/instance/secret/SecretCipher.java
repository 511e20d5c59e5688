package io.pbxhub.instance.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;

/**
 * AES-GCM encryption of PBX credentials. The stored form is {@code <key id>:<base64(iv || ciphertext+tag)>}; the key id
 * tells which configured key decrypts it, so keys can be rotated without a flag day.
 */
// Startup: a wrong key configuration stops the service at boot, not at the first request that needs a secret.
@Startup
@ApplicationScoped
public class SecretCipher {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, SecretKey> keys = new HashMap<>();
    private final String activeKey;

    public SecretCipher(SecretsConfig config) {
        config.keys()
                .forEach((id, base64) -> keys.put(id, new SecretKeySpec(Base64.getDecoder().decode(base64), "AES")));
        if (!keys.containsKey(config.activeKey())) {
            throw new IllegalStateException("pbxhub.secrets.active-key names no configured key: " + config.activeKey());
        }
        if ("dev".equals(config.activeKey()) && !config.allowDevKey()) {
            throw new IllegalStateException("the public dev key cannot encrypt secrets in production: configure "
                    + "pbxhub.secrets.keys.<id> and pbxhub.secrets.active-key");
        }
        this.activeKey = config.activeKey();
    }

    public String encrypt(String plaintext) {
        if (plaintext == null) {
            return null;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKey), new GCMParameterSpec(TAG_BITS, iv));
            // The key id is authenticated too: a ciphertext moved under another key id fails to decrypt.
            cipher.updateAAD(activeKey.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return activeKey + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("secret encryption failed", e);
        }
    }

    public String decrypt(String stored) {
        if (stored == null) {
            return null;
        }
        int colon = stored.indexOf(':');
        String keyId = stored.substring(0, colon);
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("secret encrypted with unknown key id " + keyId);
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(colon + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("secret decryption failed (key " + keyId + ")", e);
        }
    }

    /** Whether a stored secret was encrypted with an older key and should be re-encrypted. */
    public boolean needsRotation(String stored) {
        return stored != null && !stored.startsWith(activeKey + ":");
    }
}
