package io.pbxhub.instance.secret;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.pbxhub.instance.Fixtures;
import io.pbxhub.testsupport.kafka.KafkaBrokerResource;
import io.pbxhub.testsupport.postgres.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_instance_test"))
class SecretRotationTest {

    @Inject
    SecretRotation rotation;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void secretsUnderARetiredKeyAreReEncryptedUnderTheActiveOne() throws Exception {
        String id = Fixtures.create(Fixtures.unreachableInstance("Rotated " + UUID.randomUUID()));
        String oldKey = ConfigProvider.getConfig().getValue("pbxhub.secrets.keys.old", String.class);
        SecretCipher retired = SecretCipherTest.cipher("old", Map.of("old", oldKey));
        String password = Fixtures.secret();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c
                        .prepareStatement("update pbx_instance set esl_password_enc = ? where id = ?")) {
            ps.setString(1, retired.encrypt(password));
            ps.setObject(2, UUID.fromString(id));
            ps.executeUpdate();
        }
        assertThat(stored(id)).startsWith("old:");

        assertThat(rotation.rotateAll()).isGreaterThanOrEqualTo(1);
        assertThat(stored(id)).startsWith("dev:");
        assertThat(rotation.rotateAll()).isZero();
        given().header("X-PbxHub-Service-Token", "dev-internal-token")
                .get("/internal/v1/instances/" + id + "/credentials")
                .then().statusCode(200).body("esl_password", equalTo(password));
    }

    private String stored(String id) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select esl_password_enc from pbx_instance where id = ?")) {
            ps.setObject(1, UUID.fromString(id));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
