package io.pbxhub.billing.rating;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.pbxhub.billing.cdr.BatchAttribution;
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

import static io.pbxhub.billing.BillingFixtures.addEntry;
import static io.pbxhub.billing.BillingFixtures.freshPrefix;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Intake prices a batch with its lookups made once ({@link CallPricing#batch()}); every CDR must be priced, and
 * traced, as {@link CallPricing#price(RawCdr)} prices it one by one.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_billing_test"))
class BatchPricingTest {

    @Inject
    CallPricing pricing;

    @Inject
    BatchAttribution attribution;

    @Test
    void aBatchIsPricedAndTracedAsEachCdrAloneOnEveryCombination() {
        String rated = freshPrefix();
        String excluded = freshPrefix();
        String special = freshPrefix();
        addEntry(rated, "0.12", "0.03", 30, 6, 0);
        List<String> excludes = new ArrayList<>(given().get("/api/v1/rating/excludes").then().statusCode(200)
                .extract().jsonPath().getList("", String.class));
        excludes.add(excluded);
        given().contentType(ContentType.JSON).body(excludes).put("/api/v1/rating/excludes").then().statusCode(200);

        String tenant = "pricing-" + UUID.randomUUID();
        long standard = product(Map.of("name", "Standard", "currency", "USD", "charge_scale", 2));
        long prepaid = product(Map.of("name", "Prepaid", "currency", "USD", "special_number_billing", true,
                "real_time", true));
        long postpaid = product(Map.of("name", "Postpaid", "currency", "USD", "special_number_billing", true));
        for (long product : List.of(prepaid, postpaid)) {
            given().contentType(ContentType.JSON).body(List.of(
                    Map.of("pattern", special, "pattern_type", "prefix", "direction", "outbound", "billing_mode",
                            "flat_per_call", "flat_rate", "0.35", "priority", 20),
                    Map.of("pattern", rated, "pattern_type", "prefix", "direction", "both", "billing_mode",
                            "per_minute", "per_minute_rate", "0.10", "priority", 10)))
                    .put("/api/v1/products/" + product + "/special-rates").then().statusCode(200);
        }
        account(tenant, standard, "2001");
        account(tenant, prepaid, "2002");
        account(tenant, postpaid, "2003");

        List<RawCdr> cdrs = new ArrayList<>();
        for (String t : Arrays.asList(tenant, null)) {
            for (String extension : List.of("2001", "2002", "2003", "4999")) {
                for (String destination : Arrays.asList(rated + "123", rated + "9", excluded + "55", special + "77",
                        "+" + rated + "1", "", null)) {
                    for (Direction direction : Direction.values()) {
                        for (long billsec : new long[]{0, 61}) {
                            cdrs.add(cdr(t, extension, destination, direction, billsec));
                        }
                    }
                }
            }
        }

        List<PricedCall> alone = new ArrayList<>();
        for (RawCdr cdr : cdrs) {
            alone.add(QuarkusTransaction.requiringNew().call(() -> pricing.price(cdr)));
        }
        List<PricedCall> batched = QuarkusTransaction.requiringNew().call(() -> {
            List<BatchAttribution.Owner> owners = attribution.owners(cdrs);
            CallPricing.Batch batch = pricing.batch();
            List<PricedCall> priced = new ArrayList<>();
            for (int n = 0; n < cdrs.size(); n++) {
                BatchAttribution.Owner owner = owners.get(n);
                priced.add(owner == null
                        ? batch.price(cdrs.get(n), null, null)
                        : batch.price(cdrs.get(n), owner.productId(), owner.accountId()));
            }
            return priced;
        });

        for (int n = 0; n < cdrs.size(); n++) {
            PricedCall expected = alone.get(n);
            PricedCall actual = batched.get(n);
            assertThat(actual.rating()).as("CDR %s", cdrs.get(n)).isEqualTo(expected.rating());
            assertThat(List.of(actual.accountId() == null ? "" : actual.accountId(), actual.realTime(),
                    String.valueOf(actual.calltype()), String.valueOf(actual.specialRuleId()),
                    String.valueOf(actual.specialPattern()), String.valueOf(actual.billingMode()), actual.skip()))
                    .as("CDR %s", cdrs.get(n))
                    .isEqualTo(List.of(expected.accountId() == null ? "" : expected.accountId(), expected.realTime(),
                            String.valueOf(expected.calltype()), String.valueOf(expected.specialRuleId()),
                            String.valueOf(expected.specialPattern()), String.valueOf(expected.billingMode()),
                            expected.skip()));
            assertThat(actual.traceText()).as("CDR %s", cdrs.get(n)).isEqualTo(expected.traceText());
            assertThat(actual.trace()).isEqualTo(expected.trace());
        }
        assertThat(alone).extracting(p -> p.rating().matchedBy()).contains(MatchedBy.RATE_DECK, MatchedBy.EXCLUDED,
                MatchedBy.SPECIAL_RATE, MatchedBy.NO_SPECIAL_MATCH, MatchedBy.NOT_BILLABLE);
        assertThat(alone).extracting(PricedCall::skip).contains(true, false);
    }

    private static long product(Map<String, Object> body) {
        return ((Number) given().contentType(ContentType.JSON).body(body).post("/api/v1/products").then()
                .statusCode(201).extract().path("id")).longValue();
    }

    private static void account(String tenant, long product, String extension) {
        given().contentType(ContentType.JSON).body(Map.of("tenant_id", tenant, "name", "A", "product_id", product,
                "extensions", List.of(extension))).post("/api/v1/accounts").then().statusCode(201);
    }

    private static RawCdr cdr(String tenant, String extension, String destination, Direction direction,
            long billsec) {
        Instant start = Instant.parse("2026-03-01T08:00:00Z");
        return new RawCdr(UUID.randomUUID().toString(), UUID.randomUUID(), tenant, RawCdr.Source.ESL, RawCdr.Leg.A,
                direction, null, extension, destination, null, extension, start, billsec > 0 ? start : null,
                start.plusSeconds(billsec), billsec, billsec, null, null, null, null, null, null);
    }
}
