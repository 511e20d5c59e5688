package io.pbxhub.instance.secret;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;

/**
 * Re-encrypts every stored secret that is not under the active key, so that after a key change
 * ({@code pbxhub.secrets.active-key}) the old key can be removed from the configuration. Runs at startup in the
 * background and is idempotent: a secret already under the active key is left alone, and an update only applies if
 * the row still holds the ciphertext that was read.
 */
@ApplicationScoped
public class SecretRotation {

    private static final Logger LOG = Logger.getLogger(SecretRotation.class);

    /** Where secrets live: table, key column, encrypted columns. New secret columns are added here. */
    public record SecretColumns(String table, String idColumn, List<String> columns) {
    }

    static final List<SecretColumns> SECRETS = List.of(
            new SecretColumns("pbx_instance", "id", List.of("db_password_enc", "esl_password_enc")),
            new SecretColumns("pbx3cx_host", "id",
                    List.of("web_password_enc", "ssh_password_enc", "ssh_key_enc", "licence_key_enc")));

    private final AgroalDataSource dataSource;
    private final SecretCipher cipher;

    public SecretRotation(AgroalDataSource dataSource, SecretCipher cipher) {
        this.dataSource = dataSource;
        this.cipher = cipher;
    }

    void onStart(@Observes StartupEvent event) {
        Thread worker = new Thread(() -> {
            try {
                int rotated = rotateAll();
                if (rotated > 0) {
                    LOG.infof("re-encrypted %d secret(s) under the active key", rotated);
                }
            } catch (SQLException | RuntimeException e) {
                LOG.warnf("secret rotation did not finish (%s); it runs again at the next start", e.getMessage());
            }
        }, "secret-rotation");
        worker.setDaemon(true);
        worker.start();
    }

    /** Returns how many secrets were re-encrypted. */
    public int rotateAll() throws SQLException {
        int rotated = 0;
        try (Connection c = dataSource.getConnection()) {
            for (SecretColumns s : SECRETS) {
                for (String column : s.columns()) {
                    rotated += rotate(c, s, column);
                }
            }
        }
        return rotated;
    }

    private int rotate(Connection c, SecretColumns s, String column) throws SQLException {
        List<Object[]> stale = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select " + s.idColumn() + ", " + column + " from " + s.table() + " where " + column + " is not null");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String stored = rs.getString(2);
                if (cipher.needsRotation(stored)) {
                    stale.add(new Object[]{rs.getObject(1), stored});
                }
            }
        }
        int rotated = 0;
        try (PreparedStatement update = c.prepareStatement("update " + s.table() + " set " + column + " = ? where "
                + s.idColumn() + " = ? and " + column + " = ?")) {
            for (Object[] row : stale) {
                update.setString(1, cipher.encrypt(cipher.decrypt((String) row[1])));
                update.setObject(2, row[0]);
                update.setString(3, (String) row[1]);
                rotated += update.executeUpdate();
            }
        }
        return rotated;
    }
}
