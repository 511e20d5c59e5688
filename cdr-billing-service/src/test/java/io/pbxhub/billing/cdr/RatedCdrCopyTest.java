package io.pbxhub.billing.cdr;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.pbxhub.billing.rating.MatchedBy;
import io.pbxhub.billing.rating.PricedCall;
import io.pbxhub.billing.rating.Rating;
import io.pbxhub.contracts.Direction;
import io.pbxhub.contracts.RawCdr;
import io.pbxhub.testsupport.kafka.KafkaBrokerResource;
import io.pbxhub.testsupport.postgres.PostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static io.pbxhub.billing.BillingFixtures.queryValue;
import static io.pbxhub.billing.BillingFixtures.storedCdrs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Intake's rows reach {@code rated_cdr} through a binary {@code COPY} into a staging table: every value must arrive as
 * a bound parameter would have (text of any content, times to the microsecond, charges rounded to the column), and a
 * CDR is written once per natural key, inside one batch, across batches and across calls in one transaction.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_billing_test"))
class RatedCdrCopyTest {

    private static final Instant START = Instant.parse("2026-03-01T08:00:00Z");
    private static final List<String> UGLY = List.of("", "tab\there", "new\nline", "cr\rlf\r\n", "back\\slash\\",
            "\\N", "\\.", "'); DROP TABLE rated_cdr; --", "\"quoted\" ,comma;", "ünïcödé ✓ 電話 📞", "\u00a0nbsp ",
            "x".repeat(10_000), "null", "NULL", "\b\f\u0001\u001f");

    @Inject
    RatedCdrRepository repository;

    @Inject
    DataSource dataSource;

    @Test
    void uglyTextArrivesAsItWasAndNullStaysNull() throws Exception {
        UUID instance = UUID.randomUUID();
        List<RawCdr> cdrs = new ArrayList<>();
        List<PricedCall> priced = new ArrayList<>();
        for (int n = 0; n < UGLY.size(); n++) {
            String ugly = UGLY.get(n);
            cdrs.add(new RawCdr("ugly-" + n, instance, ugly, RawCdr.Source.ESL, RawCdr.Leg.B, Direction.INBOUND,
                    ugly, ugly, ugly, ugly, ugly, START, null, null, 0, 0, ugly, null, null, null, null, null));
            priced.add(new PricedCall(new Rating(0, new BigDecimal("0.000000"), "USD", MatchedBy.NOT_BILLABLE, null),
                    null, false, ugly, null, ugly, ugly, List.of(ugly, ugly), false));
        }
        cdrs.add(new RawCdr("nulls", instance, null, null, null, Direction.LOCAL, null, null, null, null, null, START,
                null, null, 0, 0, null, null, null, null, null, null));
        priced.add(new PricedCall(new Rating(0, BigDecimal.ZERO, "EUR", MatchedBy.NOT_BILLABLE, null), null, false,
                null, null, null, null, List.of(), false));

        assertThat(insert(cdrs, priced)).containsOnly(true);

        for (int n = 0; n < UGLY.size(); n++) {
            String ugly = UGLY.get(n);
            List<Object> row = row(instance, "ugly-" + n, "tenant_id, source, leg, direction, caller_id_name,"
                    + " caller_id_number, destination_number, domain, extension, hangup_cause, calltype,"
                    + " special_pattern, billing_mode, rating_trace, answer_time, hangup_cause_q850, account_id");
            assertThat(row).as("value %d", n).containsExactly(ugly, "ESL", "B", "INBOUND", ugly, ugly, ugly, ugly, ugly,
                    ugly, ugly, ugly, ugly, ugly + "\n" + ugly, null, null, null);
        }
        assertThat(row(instance, "nulls", "tenant_id, source, leg, caller_id_name, destination_number, calltype,"
                + " rating_trace, charge::text, currency")).containsExactly(null, null, null, null, null, null, "",
                        "0.000000", "EUR");
    }

    @Test
    void timesNumbersAndChargesArriveAsBoundParametersWould() throws Exception {
        UUID instance = UUID.randomUUID();
        List<Instant> times = List.of(START, Instant.parse("2026-03-01T08:00:00.123456Z"),
                Instant.parse("2026-03-01T08:00:00.1234565Z"), Instant.parse("2026-03-01T08:00:00.1234564Z"),
                Instant.parse("2026-03-01T08:00:00.999999500Z"), Instant.parse("1999-12-31T23:59:59.999999Z"),
                Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("1901-06-30T12:00:00.5Z"),
                Instant.parse("2099-12-31T23:59:59Z"));
        List<BigDecimal> charges = List.of(new BigDecimal("0.05"), new BigDecimal("0.000001"),
                new BigDecimal("0.0000005"), new BigDecimal("0.0000004"), new BigDecimal("12345678.123456"),
                new BigDecimal("10000"), new BigDecimal("1E+2"), new BigDecimal("0.1000"), BigDecimal.ZERO);
        List<RawCdr> cdrs = new ArrayList<>();
        List<PricedCall> priced = new ArrayList<>();
        for (int n = 0; n < times.size(); n++) {
            Instant t = times.get(n);
            cdrs.add(new RawCdr("t-" + n, instance, "t", RawCdr.Source.PBX3CX, RawCdr.Leg.A, Direction.OUTBOUND, null,
                    null, "61", null, null, t, t, t, Long.MAX_VALUE - n, n, null, n == 0 ? Integer.MIN_VALUE : n, null,
                    null, null, null));
            priced.add(new PricedCall(new Rating(n * 6L, charges.get(n), "AUD", MatchedBy.RATE_DECK, "61"),
                    n == 1 ? Long.MAX_VALUE : (long) n, true, PricedCall.SPECIAL_RATE, n == 1 ? Long.MIN_VALUE : null,
                    null, null, List.of(), false));
        }
        Instant ratedAt = Instant.parse("2026-11-23T18:00:00.000000501Z");
        assertThat(QuarkusTransaction.requiringNew().call(() -> repository.insertAllIfAbsent(cdrs, priced, ratedAt)))
                .containsOnly(true);

        for (int n = 0; n < times.size(); n++) {
            List<Object> row = row(instance, "t-" + n, "start_time, answer_time, end_time, rated_at, duration, billsec,"
                    + " billed_seconds, hangup_cause_q850, charge, account_id, special_rule_id, currency, matched_by,"
                    + " matched_prefix");
            OffsetDateTime t = asBound(times.get(n));
            assertThat(row).as("row %d", n).containsExactly(t, t, t, asBound(ratedAt), Long.MAX_VALUE - n, (long) n,
                    n * 6L, n == 0 ? Integer.MIN_VALUE : n, chargeAsBound(charges.get(n)),
                    n == 1 ? Long.MAX_VALUE : (long) n, n == 1 ? Long.MIN_VALUE : null, "AUD", "RATE_DECK", "61");
        }
    }

    @Test
    void aCdrIsWrittenOnceInsideABatchAcrossBatchesAndAcrossCallsInOneTransaction() throws Exception {
        UUID instance = UUID.randomUUID();
        RawCdr a = cdr(instance, "a", "first");
        RawCdr b = cdr(instance, "b", "first");
        boolean[] first = insert(
                List.of(a, b, cdr(instance, "a", "second copy"), cdr(UUID.randomUUID(), "a", "other")));
        assertThat(first).containsExactly(true, true, false, true);
        assertThat(row(instance, "a", "caller_id_name")).containsExactly("first");

        assertThat(insert(List.of(cdr(instance, "b", "again"), cdr(instance, "c", "new")))).containsExactly(false,
                true);

        boolean[][] inOneTransaction = QuarkusTransaction.requiringNew().call(() -> new boolean[][]{
                repository.insertAllIfAbsent(List.of(cdr(instance, "d", "x")), priced(1), START),
                repository.insertAllIfAbsent(List.of(cdr(instance, "e", "y"), cdr(instance, "d", "z")), priced(2),
                        START)});
        assertThat(inOneTransaction[0]).containsExactly(true);
        assertThat(inOneTransaction[1]).containsExactly(true, false);
        assertThat(storedCdrs(dataSource, instance)).isEqualTo(5);
    }

    @Test
    void aValueTheDatabaseRefusesFailsTheWholeBatchAndLeavesNothing() throws Exception {
        UUID instance = UUID.randomUUID();
        List<RawCdr> cdrs = List.of(cdr(instance, "fine", "ok"), cdr(instance, "nul", "A\u0000B"));
        assertThatThrownBy(() -> insert(cdrs)).hasMessageContaining("0x00");
        assertThat(storedCdrs(dataSource, instance)).isZero();
        // the session's staging table is usable again after the failed transaction
        assertThat(insert(List.of(cdr(instance, "fine", "ok")))).containsExactly(true);
    }

    private boolean[] insert(List<RawCdr> cdrs) {
        return insert(cdrs, priced(cdrs.size()));
    }

    private boolean[] insert(List<RawCdr> cdrs, List<PricedCall> priced) {
        return QuarkusTransaction.requiringNew().call(() -> repository.insertAllIfAbsent(cdrs, priced, START));
    }

    private static RawCdr cdr(UUID instance, String cdrUuid, String callerIdName) {
        return new RawCdr(cdrUuid, instance, "t", RawCdr.Source.ESL, RawCdr.Leg.A, Direction.OUTBOUND, callerIdName,
                "1001", "61299998888", null, "1001", START, START, START.plusSeconds(60), 60, 60, null, 16, null, null,
                null, null);
    }

    private static List<PricedCall> priced(int n) {
        List<PricedCall> priced = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            priced.add(new PricedCall(new Rating(60, new BigDecimal("0.100000"), "USD", MatchedBy.RATE_DECK, "61"),
                    null, false, PricedCall.STANDARD, null, null, null, List.of("trace"), false));
        }
        return priced;
    }

    private List<Object> row(UUID instance, String cdrUuid, String columns) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement query = c.prepareStatement(
                        "SELECT " + columns + " FROM rated_cdr WHERE instance_id = ? AND cdr_uuid = ?")) {
            query.setObject(1, instance);
            query.setString(2, cdrUuid);
            try (ResultSet r = query.executeQuery()) {
                assertThat(r.next()).as("row %s", cdrUuid).isTrue();
                List<Object> values = new ArrayList<>();
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    Object value = r.getObject(i);
                    if (r.getMetaData().getColumnTypeName(i).equals("timestamptz") && value != null) {
                        value = r.getObject(i, OffsetDateTime.class);
                    }
                    values.add(value);
                }
                return values;
            }
        }
    }

    /** What PostgreSQL stores when pgjdbc binds the time, as the intake's insert did before COPY. */
    private OffsetDateTime asBound(Instant instant) throws SQLException {
        return queryValue(dataSource, OffsetDateTime.class, "SELECT ?::timestamptz",
                OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    private BigDecimal chargeAsBound(BigDecimal charge) throws SQLException {
        return queryValue(dataSource, BigDecimal.class, "SELECT ?::numeric(14, 6)", charge);
    }
}
