package io.pbxhub.testsupport.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import io.pbxhub.testsupport.fusionpbx.FusionPbxDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresServerTest {

    @Test
    void theEmbeddedFallbackIsARealServer() throws Exception {
        PostgresServer embedded = PostgresServer.startEmbedded();
        assertThat(embedded.embedded()).isTrue();
        String url = embedded.database("fallback_check");
        assertThat(url).endsWith("/fallback_check");
        embedded.database("fallback_check"); // creating twice is fine
        try (Connection c = embedded.connect("fallback_check");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("show server_version")) {
            rs.next();
            assertThat(rs.getString(1)).startsWith("16");
        }
    }

    @Test
    void databaseNamesAreCheckedBeforeTheyReachSql() {
        assertThatThrownBy(() -> PostgresServer.locate().database("x; drop database postgres"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFusionPbxSchemaLoads() throws Exception {
        FusionPbxDatabase db = FusionPbxDatabase.create("fusionpbx_schema_check");
        db.addDomain("a.example.com");
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from v_domains, (select count(*) from v_xml_cdr) x")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }
}
