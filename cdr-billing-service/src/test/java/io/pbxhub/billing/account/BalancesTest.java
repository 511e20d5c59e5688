package io.pbxhub.billing.account;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.junit.jupiter.api.Test;

import io.pbxhub.testsupport.kafka.KafkaBrokerResource;
import io.pbxhub.testsupport.postgres.PostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;

import static io.pbxhub.billing.BillingFixtures.cdr;
import static io.pbxhub.billing.BillingFixtures.json;
import static io.pbxhub.billing.BillingFixtures.kafka;
import static io.pbxhub.billing.BillingFixtures.produce;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_billing_test"))
class BalancesTest {

    @Inject
    Balances balances;

    @Inject
    DataSource dataSource;

    @Inject
    UsageAlertRecorder recorder;

    @Test
    void topUpsAreIdempotentOnTheReferenceAndEveryMoveIsInTheLedger() {
        long account = account(product(false, "AUD"), "10.00", null);
        given().get("/api/v1/accounts/" + account + "/balance").then().statusCode(200)
                .body("account_id", equalTo((int) account)).body("balance", equalTo("10.000000"))
                .body("currency", equalTo("AUD"));

        int id = topUp(account, "5.50", "AUD", "stripe-pi-1").statusCode(201).body("kind", equalTo("TOP_UP"))
                .body("amount", equalTo("5.500000")).body("balance_after", equalTo("15.500000"))
                .body("reference", equalTo("stripe-pi-1")).extract().path("id");
        topUp(account, "5.50", "AUD", "stripe-pi-1").statusCode(200).body("id", equalTo(id))
                .body("balance_after", equalTo("15.500000"));
        topUp(account, "7.00", "AUD", "stripe-pi-1").statusCode(409).body("status", equalTo("error"))
                .body("message", containsString("reference stripe-pi-1 was already used"));
        topUp(account, "1.00", "EUR", "r-eur").statusCode(400)
                .body("message", containsString("account " + account + " is kept in AUD"));
        topUp(account, "0", "AUD", "r-zero").statusCode(400).body("message", containsString("greater than 0"));
        topUp(account, "-1", "AUD", "r-neg").statusCode(400);
        topUp(account, "0.0000001", "AUD", "r-fine").statusCode(400);
        topUp(999_999_999L, "1", "AUD", "r-none").statusCode(404);
        given().contentType(ContentType.JSON)
                .body(Map.of("amount", "-2.25", "currency", "AUD", "reference", "goodwill-reversal"))
                .post("/api/v1/accounts/" + account + "/adjustments").then().statusCode(201)
                .body("kind", equalTo("ADJUSTMENT")).body("balance_after", equalTo("13.250000"));

        given().get("/api/v1/accounts/" + account + "/balance").then().body("balance", equalTo("13.250000"));
        given().get("/api/v1/accounts/" + account + "/balance/movements").then().statusCode(200)
                .body("kind", contains("ADJUSTMENT", "TOP_UP", "ADJUSTMENT"))
                .body("amount", contains("-2.250000", "5.500000", "10.000000"))
                .body("reference", contains("goodwill-reversal", "stripe-pi-1", "opening-balance"));
        given().get("/api/v1/accounts/" + account + "/balance/movements?size=1&page=1").then()
                .body("reference", contains("stripe-pi-1"));
        given().get("/api/v1/accounts/" + account + "/balance/movements?size=0").then().statusCode(400);
    }

    @Test
    void concurrentDeductionsTopUpsAndRedeliveriesEndAtTheExactBalance() throws Exception {
        long account = account(product(true, "USD"), "0", null);
        UUID instance = UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        AtomicInteger deducted = new AtomicInteger();
        AtomicInteger credited = new AtomicInteger();
        List<Callable<Void>> work = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            work.add(() -> {
                for (int i = 0; i < 100; i++) {
                    String cdr = "cdr-" + thread + "-" + i;
                    // each CDR arrives twice, as a redelivery would
                    for (int copy = 0; copy < 2; copy++) {
                        if (QuarkusTransaction.requiringNew().call(() -> balances.deduct(account,
                                new BigDecimal("0.35"), instance, cdr)).isPresent()) {
                            deducted.incrementAndGet();
                        }
                    }
                }
                return null;
            });
        }
        for (int t = 0; t < 4; t++) {
            int thread = t;
            work.add(() -> {
                for (int i = 0; i < 50; i++) {
                    String reference = "top-" + thread + "-" + i;
                    for (int copy = 0; copy < 2; copy++) {
                        if (QuarkusTransaction.requiringNew().call(() -> balances.book(account, Balances.TOP_UP,
                                new BigDecimal("1.25"), "USD", reference)).created()) {
                            credited.incrementAndGet();
                        }
                    }
                }
                return null;
            });
        }
        for (Future<Void> done : pool.invokeAll(work)) {
            done.get();
        }
        pool.shutdown();

        assertThat(deducted).hasValue(800);
        assertThat(credited).hasValue(200);
        // 200 × 1.25 − 800 × 0.35
        BigDecimal expected = new BigDecimal("-30.000000");
        assertThat(query("SELECT balance FROM account WHERE id = ?", account)).isEqualTo(expected);
        assertThat(query("SELECT sum(amount) FROM balance_movement WHERE account_id = ?", account))
                .isEqualTo(expected);
        assertThat(query("SELECT count(*) FROM balance_movement WHERE account_id = ? AND kind = 'DEDUCTION'",
                account)).isEqualByComparingTo("800");
        // balance_after is a running total: every movement starts from the balance another one (or the empty
        // account) left, so none was applied to a stale balance
        List<BigDecimal> after = new ArrayList<>();
        List<BigDecimal> before = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT amount, balance_after FROM balance_movement WHERE account_id = ?")) {
            s.setLong(1, account);
            try (ResultSet row = s.executeQuery()) {
                while (row.next()) {
                    after.add(row.getBigDecimal(2));
                    before.add(row.getBigDecimal(2).subtract(row.getBigDecimal(1)));
                }
            }
        }
        after.add(new BigDecimal("0.000000"));
        before.add(expected);
        assertThat(before).containsExactlyInAnyOrderElementsOf(after);
    }

    @Test
    void aRedeliveredRealTimeCdrIsDeductedOnceAndTheLedgerNamesIt() {
        String tenant = "t-" + UUID.randomUUID();
        long product = product(true, "AUD");
        given().contentType(ContentType.JSON).body(List.of(Map.of("pattern", "1800", "pattern_type", "prefix",
                "direction", "outbound", "billing_mode", "flat_per_call", "flat_rate", "0.35", "priority", 20)))
                .put("/api/v1/products/" + product + "/special-rates").then().statusCode(200);
        long account = accountWithExtension(tenant, product, "4001", "2.00");
        UUID instance = UUID.randomUUID();
        Map<String, Object> call = cdr(instance, "OUTBOUND", "1800111222", 42,
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
        call.put("tenantId", tenant);
        call.put("extension", "4001");
        produce((String) call.get("cdrUuid"), json(call));
        produce((String) call.get("cdrUuid"), json(call));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given()
                .get("/api/v1/accounts/" + account + "/balance").then().body("balance", equalTo("1.650000")));
        given().get("/api/v1/accounts/" + account + "/balance/movements").then()
                .body("$", hasSize(2)).body("[0].kind", equalTo("DEDUCTION"))
                .body("[0].amount", equalTo("-0.350000")).body("[0].cdr_uuid", equalTo(call.get("cdrUuid")))
                .body("[0].instance_id", equalTo(instance.toString()));
        // and a third copy, even straight to the ledger, deducts nothing
        assertThat(QuarkusTransaction.requiringNew().call(() -> balances.deduct(account, new BigDecimal("0.35"),
                instance, (String) call.get("cdrUuid")))).isEmpty();
        given().get("/api/v1/accounts/" + account + "/balance").then().body("balance", equalTo("1.650000"));
    }

    @Test
    void usageAboveTheMonthlyThresholdIsAlertedOnceWhenCrossed() {
        long account = account(product(true, "AUD"), "5.00", "0.70");
        UUID instance = UUID.randomUUID();
        try (ConsumerTask<String, String> alerts = kafka().consumeStrings().withGroupId("usage-" + UUID.randomUUID())
                .withOffsetReset(OffsetResetStrategy.EARLIEST).fromTopics("billing-alerts")) {
            for (int i = 1; i <= 5; i++) {
                String cdr = "usage-" + i;
                // 0.35, 0.70 (at the threshold, not above), 1.05 (crossed), 1.40, 1.75
                QuarkusTransaction.requiringNew()
                        .call(() -> balances.deduct(account, new BigDecimal("0.35"), instance, cdr));
            }
            // Observers run at each commit, so by now every alert the five deductions raised has been raised.
            assertThat(recorder.of(account)).singleElement().satisfies(alert -> {
                assertThat(alert.cdrUuid()).isEqualTo("usage-3");
                assertThat(alert.usage()).isEqualByComparingTo("1.05");
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> alerts.getRecords().stream()
                    .anyMatch(r -> String.valueOf(account).equals(r.key())));
            assertThat(alerts.getRecords().stream().filter(r -> String.valueOf(account).equals(r.key())).toList())
                    .singleElement().satisfies(r -> {
                        assertThat(r.value()).contains("\"alertType\":\"USAGE_ABOVE_THRESHOLD\"",
                                "\"usage\":\"1.050000\"", "\"threshold\":\"0.700000\"",
                                "\"balance\":\"3.950000\"", "\"charge\":\"0.35\"", "\"currency\":\"AUD\"",
                                "\"cdrUuid\":\"usage-3\"", "\"period\":\"" + YearMonth.now(ZoneOffset.UTC) + "\"");
                        assertThat(new String(r.headers().lastHeader("ce_type").value()))
                                .isEqualTo("io.pbxhub.billing.alert.v1");
                    });
        }
        given().get("/api/v1/accounts/" + account + "/balance").then().body("usage", equalTo("1.750000"))
                .body("usage_alert_threshold", equalTo("0.700000"))
                .body("usage_period", equalTo(YearMonth.now(ZoneOffset.UTC).toString()));
        given().get("/api/v1/accounts/" + account).then().body("usage_alert_threshold", equalTo("0.700000"));
    }

    @Test
    void aBatchOverSeveralAccountsDeductsAsOneByOneWouldAndCountsAnEarlierDeductionOnce() throws Exception {
        long product = product(true, "AUD");
        long a = given().contentType(ContentType.JSON).body(Map.of("tenant_id", "t-" + UUID.randomUUID(), "name",
                "Acme", "product_id", product, "balance", "1.00", "low_balance_threshold", "0.40",
                "usage_alert_threshold", "0.60")).post("/api/v1/accounts").then().statusCode(201).extract()
                .jsonPath().getLong("id");
        long b = account(product, "10.00", null);
        UUID instance = UUID.randomUUID();
        // a-2 was deducted before the batch (by another path): the batch must skip it and the rows after it must
        // still carry the balance they really left
        assertThat(QuarkusTransaction.requiringNew().call(() -> balances.deduct(a, new BigDecimal("0.25"), instance,
                "a-2"))).isPresent();
        List<Balances.Charge> charges = List.of(
                new Balances.Charge(a, new BigDecimal("0.25"), instance, "a-1"),
                new Balances.Charge(b, new BigDecimal("1.50"), instance, "b-1"),
                new Balances.Charge(a, new BigDecimal("0.25"), instance, "a-2"),
                new Balances.Charge(999_999_999L, new BigDecimal("1.00"), instance, "nobody"),
                new Balances.Charge(a, BigDecimal.ZERO, instance, "a-free"),
                new Balances.Charge(a, new BigDecimal("0.25"), instance, "a-3"),
                new Balances.Charge(b, new BigDecimal("2.00"), instance, "b-2"),
                new Balances.Charge(a, new BigDecimal("0.25"), instance, "a-4"));

        List<Optional<Balances.Deduction>> made = QuarkusTransaction.requiringNew()
                .call(() -> balances.deductAll(charges));

        assertThat(made).hasSize(charges.size());
        assertThat(made.get(2)).isEmpty();
        assertThat(made.get(3)).isEmpty();
        assertThat(made.get(4)).isEmpty();
        // a: 1.00 − 0.25 (a-2, before) = 0.75, then a-1 0.50, a-3 0.25 (below 0.40: crossed), a-4 0.00
        assertThat(made.get(0)).get().satisfies(d -> {
            assertThat(d.before()).isEqualByComparingTo("0.75");
            assertThat(d.after()).isEqualByComparingTo("0.50");
            assertThat(d.crossedThreshold()).isFalse();
        });
        assertThat(made.get(5)).get().satisfies(d -> {
            assertThat(d.before()).isEqualByComparingTo("0.50");
            assertThat(d.after()).isEqualByComparingTo("0.25");
            assertThat(d.crossedThreshold()).isTrue();
        });
        assertThat(made.get(7)).get().satisfies(d -> {
            assertThat(d.after()).isEqualByComparingTo("0.00");
            assertThat(d.crossedThreshold()).isFalse();
        });
        assertThat(made.get(1).orElseThrow().after()).isEqualByComparingTo("8.50");
        assertThat(made.get(6).orElseThrow().after()).isEqualByComparingTo("6.50");

        assertThat(query("SELECT balance FROM account WHERE id = ?", a)).isEqualByComparingTo("0.00");
        assertThat(query("SELECT balance FROM account WHERE id = ?", b)).isEqualByComparingTo("6.50");
        assertThat(ledger(a)).containsExactly("ADJUSTMENT 1.000000 1.000000 null", "DEDUCTION -0.250000 0.750000 a-2",
                "DEDUCTION -0.250000 0.500000 a-1", "DEDUCTION -0.250000 0.250000 a-3",
                "DEDUCTION -0.250000 0.000000 a-4");
        assertThat(ledger(b)).containsExactly("ADJUSTMENT 10.000000 10.000000 null",
                "DEDUCTION -1.500000 8.500000 b-1", "DEDUCTION -2.000000 6.500000 b-2");
        // usage 0.25 (a-2), 0.50 (a-1), 0.75 (a-3: above 0.60, alerted), 1.00
        given().get("/api/v1/accounts/" + a + "/balance").then().body("usage", equalTo("1.000000"));
        given().get("/api/v1/accounts/" + b + "/balance").then().body("usage", equalTo("3.500000"));
        assertThat(recorder.of(a)).singleElement().satisfies(alert -> {
            assertThat(alert.cdrUuid()).isEqualTo("a-3");
            assertThat(alert.usage()).isEqualByComparingTo("0.75");
            assertThat(alert.balance()).isEqualByComparingTo("0.25");
            assertThat(alert.currency()).isEqualTo("AUD");
        });

        // the same batch again, as a redelivered poll would bring it: nothing moves
        assertThat(QuarkusTransaction.requiringNew().call(() -> balances.deductAll(charges)))
                .allSatisfy(d -> assertThat(d).isEmpty());
        assertThat(query("SELECT balance FROM account WHERE id = ?", a)).isEqualByComparingTo("0.00");
        assertThat(query("SELECT balance FROM account WHERE id = ?", b)).isEqualByComparingTo("6.50");
        assertThat(recorder.of(a)).hasSize(1);
    }

    /** The account's ledger, oldest first: kind, amount, balance after, CDR. */
    private List<String> ledger(long account) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT kind, amount, balance_after, cdr_uuid FROM balance_movement WHERE account_id = ? ORDER BY id")) {
            s.setLong(1, account);
            try (ResultSet row = s.executeQuery()) {
                while (row.next()) {
                    rows.add(row.getString(1) + " " + row.getBigDecimal(2).toPlainString() + " "
                            + row.getBigDecimal(3).toPlainString() + " " + row.getString(4));
                }
            }
        }
        return rows;
    }

    private BigDecimal query(String sql, long account) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, account);
            try (ResultSet row = s.executeQuery()) {
                row.next();
                return row.getBigDecimal(1);
            }
        }
    }

    private static io.restassured.response.ValidatableResponse topUp(long account, String amount, String currency,
            String reference) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("amount", amount, "currency", currency, "reference", reference))
                .post("/api/v1/accounts/" + account + "/top-ups").then();
    }

    static long product(boolean realTime, String currency) {
        return given().contentType(ContentType.JSON).body(Map.of("name", "Prepaid", "currency", currency,
                "special_number_billing", realTime, "real_time", realTime)).post("/api/v1/products").then()
                .statusCode(201).extract().jsonPath().getLong("id");
    }

    static long account(long product, String balance, String usageThreshold) {
        Map<String, Object> body = new HashMap<>(Map.of("tenant_id", "t-" + UUID.randomUUID(), "name", "Acme",
                "product_id", product, "balance", balance));
        if (usageThreshold != null) {
            body.put("usage_alert_threshold", usageThreshold);
        }
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/accounts").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    static long accountWithExtension(String tenant, long product, String extension, String balance) {
        return given().contentType(ContentType.JSON).body(Map.of("tenant_id", tenant, "name", "Acme " + extension,
                "product_id", product, "extensions", List.of(extension), "balance", balance)).post("/api/v1/accounts")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }
}
