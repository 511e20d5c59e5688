package io.pbxhub.billing.cdr;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.pbxhub.billing.account.AccountEntity;
import io.pbxhub.billing.account.Accounts;
import io.pbxhub.contracts.Direction;
import io.pbxhub.contracts.RawCdr;
import io.pbxhub.testsupport.kafka.KafkaBrokerResource;
import io.pbxhub.testsupport.postgres.PostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Intake attributes a whole batch with one query; it must pick the account {@link Accounts#attribute} picks. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_billing_test"))
class BatchAttributionTest {

    @Inject
    BatchAttribution attribution;

    @Inject
    Accounts accounts;

    @Test
    void theBatchAttributionAgreesWithThePerCdrRuleOnEveryCombination() {
        String tenant = "attr-" + UUID.randomUUID();
        String other = "attr-other-" + UUID.randomUUID();
        long product = ((Number) given().contentType(ContentType.JSON).body(Map.of("name", "P", "currency", "USD"))
                .post("/api/v1/products").then().statusCode(201).extract().path("id")).longValue();
        account(tenant, product, List.of("2001"), List.of("61280001111"));
        account(tenant, product, List.of("2002"), List.of("61280002222"));
        account(other, product, List.of("2001"), List.of());

        String[] extensions = {null, "", "2001", "2002", "9999", " 2002 "};
        String[] callers = {null, "2002", "+61280001111", "0299998888", "2001"};
        String[] destinations = {null, "61280002222", "+61280001111", "1300123456"};
        String[] tenants = {tenant, other, null, "nobody-" + UUID.randomUUID()};
        List<RawCdr> cdrs = new ArrayList<>();
        for (String t : tenants) {
            for (String ext : extensions) {
                for (String caller : callers) {
                    for (String destination : destinations) {
                        for (Direction direction : Direction.values()) {
                            cdrs.add(cdr(t, ext, caller, destination, direction));
                        }
                    }
                }
            }
        }
        List<BatchAttribution.Owner> owners = QuarkusTransaction.requiringNew().call(() -> attribution.owners(cdrs));
        int attributed = 0;
        for (int i = 0; i < cdrs.size(); i++) {
            RawCdr cdr = cdrs.get(i);
            Long expected = QuarkusTransaction.requiringNew()
                    .call(() -> accounts.attribute(cdr).map(a -> a.id).orElse(null));
            BatchAttribution.Owner owner = owners.get(i);
            assertThat(owner == null ? null : owner.accountId()).as("CDR %s", cdr).isEqualTo(expected);
            if (owner != null) {
                attributed++;
                assertThat(owner.productId()).isEqualTo(product);
                assertThat(QuarkusTransaction.requiringNew().call(
                        () -> ((AccountEntity) AccountEntity.findById(owner.accountId())).productId))
                        .isEqualTo(product);
            }
        }
        assertThat(attributed).as("the combinations must cover attributed CDRs too").isGreaterThan(100);
    }

    private static void account(String tenant, long product, List<String> extensions, List<String> numbers) {
        given().contentType(ContentType.JSON).body(Map.of("tenant_id", tenant, "name", "A", "product_id", product,
                "extensions", extensions, "numbers", numbers)).post("/api/v1/accounts").then().statusCode(201);
    }

    private static RawCdr cdr(String tenant, String ext, String caller, String destination, Direction direction) {
        Instant now = Instant.now();
        return new RawCdr(UUID.randomUUID().toString(), UUID.randomUUID(), tenant, RawCdr.Source.ESL, RawCdr.Leg.A,
                direction, null, caller, destination, null, ext, now, now, now.plusSeconds(10), 10, 10, null, null,
                null, null, null, null);
    }
}
