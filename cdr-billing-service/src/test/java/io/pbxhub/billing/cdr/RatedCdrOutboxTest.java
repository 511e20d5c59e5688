package io.pbxhub.billing.cdr;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.junit.jupiter.api.Test;

import io.pbxhub.testsupport.kafka.KafkaBrokerResource;
import io.pbxhub.testsupport.postgres.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;

import static io.pbxhub.billing.BillingFixtures.CDR_RATED;
import static io.pbxhub.billing.BillingFixtures.addEntry;
import static io.pbxhub.billing.BillingFixtures.cdr;
import static io.pbxhub.billing.BillingFixtures.freshPrefix;
import static io.pbxhub.billing.BillingFixtures.json;
import static io.pbxhub.billing.BillingFixtures.kafka;
import static io.pbxhub.billing.BillingFixtures.produce;
import static io.pbxhub.billing.BillingFixtures.queryValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code cdr-rated} goes through an outbox row written with the CDRs: the row is gone once the broker acknowledged the
 * events, and a row left behind (the service died before the acks) is sent again from the stored CDR, with the same
 * event id.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "pbxhub_billing_test"))
class RatedCdrOutboxTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    RatedCdrPublisher publisher;

    @Inject
    DataSource dataSource;

    @Test
    void theOutboxRowGoesOnceTheBrokerAcknowledgedAndARowLeftBehindIsSentAgainWithTheSameEventId() throws Exception {
        String prefix = freshPrefix();
        addEntry(prefix, "0.12", "0", 60, 60, 0);
        UUID instance = UUID.randomUUID();
        Map<String, Object> call = cdr(instance, "OUTBOUND", prefix + "1", 61,
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
        String cdrUuid = (String) call.get("cdrUuid");

        try (ConsumerTask<String, String> rated = kafka().consumeStrings().withGroupId("rated-" + UUID.randomUUID())
                .withOffsetReset(OffsetResetStrategy.EARLIEST).fromTopics(CDR_RATED)) {
            produce(cdrUuid, json(call));
            await().atMost(PATIENCE).until(() -> withKey(rated, cdrUuid).size() == 1);
            await().atMost(PATIENCE).until(() -> rowsNaming(cdrUuid) == 0);

            // The service died after the commit, before the acks: the row is still there an hour later.
            long stale = leaveRow(instance, cdrUuid, Duration.ofHours(1));
            long fresh = leaveRow(instance, cdrUuid, Duration.ZERO);
            publisher.resendStale();

            await().atMost(PATIENCE).until(() -> withKey(rated, cdrUuid).size() == 2);
            ConsumerRecord<String, String> first = withKey(rated, cdrUuid).get(0);
            ConsumerRecord<String, String> again = withKey(rated, cdrUuid).get(1);
            assertThat(header(again, "ce_id")).isEqualTo(header(first, "ce_id"))
                    .isEqualTo("rated:" + instance + ":" + cdrUuid);
            assertThat(again.value()).contains("\"charge\":\"0.240000\"", "\"billedSeconds\":120",
                    "\"matchedBy\":\"RATE_DECK\"", "\"matchedPrefix\":\"" + prefix + "\"",
                    "\"instanceId\":\"" + instance + "\"");
            assertThat(rowExists(stale)).isFalse();
            // a row younger than resend-after may still be on its way: it is left alone
            assertThat(rowExists(fresh)).isTrue();
            delete(fresh);
        }
    }

    private long leaveRow(UUID instance, String cdrUuid, Duration age) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO cdr_rated_outbox (instance_ids, cdr_uuids, created_at)"
                                + " VALUES (ARRAY[?::uuid], ARRAY[?], now() - ? * interval '1 second') RETURNING id")) {
            s.setString(1, instance.toString());
            s.setString(2, cdrUuid);
            s.setLong(3, age.toSeconds());
            try (ResultSet row = s.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private long rowsNaming(String cdrUuid) throws Exception {
        return queryValue(dataSource, Long.class, "SELECT count(*) FROM cdr_rated_outbox WHERE ? = ANY (cdr_uuids)",
                cdrUuid);
    }

    private boolean rowExists(long id) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT 1 FROM cdr_rated_outbox WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet row = s.executeQuery()) {
                return row.next();
            }
        }
    }

    private void delete(long id) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM cdr_rated_outbox WHERE id = ?")) {
            s.setLong(1, id);
            s.executeUpdate();
        }
    }

    private static List<ConsumerRecord<String, String>> withKey(ConsumerTask<String, String> task, String key) {
        return task.getRecords().stream().filter(r -> key.equals(r.key())).toList();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
