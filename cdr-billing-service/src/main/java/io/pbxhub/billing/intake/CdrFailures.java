package io.pbxhub.billing.intake;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

/** The table of CDRs that could not be parsed or rated, behind {@code GET /api/v1/admin/cdr-failures}. */
@ApplicationScoped
public class CdrFailures {

    private static final Logger LOG = Logger.getLogger(CdrFailures.class);
    private static final String INSERT = """
            INSERT INTO cdr_failure (source, topic, kafka_partition, kafka_offset, instance_id, cdr_key, reason,
                payload, payload_bytes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";
    private static final int MAX_REASON = 2000;
    private static final int MAX_KEY = 300;

    private final DataSource dataSource;
    private final IntakeConfig config;

    public CdrFailures(DataSource dataSource, IntakeConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /**
     * Records a failure in a transaction of its own, committed before this returns (so before a Kafka offset is
     * committed). A Kafka record redelivered after a crash, a FusionPBX row read again or a 3CX entry posted again is
     * recorded once.
     */
    public void record(CdrFailure failure) {
        // The reason only: the payload holds phone numbers and is kept in the table, not in logs.
        LOG.warnf("refused a CDR from %s%s: %s", failure.source().label(),
                failure.topic() == null
                        ? ""
                        : " (" + failure.topic() + "-" + failure.partition() + "@" + failure.offset() + ")",
                failure.reason());
        QuarkusTransaction.requiringNew().run(() -> insert(failure));
    }

    private void insert(CdrFailure failure) {
        byte[] payload = failure.payload() == null ? new byte[0] : failure.payload();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, failure.source().name());
            insert.setString(2, failure.topic());
            if (failure.partition() == null) {
                insert.setNull(3, Types.INTEGER);
                insert.setNull(4, Types.BIGINT);
            } else {
                insert.setInt(3, failure.partition());
                insert.setLong(4, failure.offset());
            }
            insert.setObject(5, failure.instanceId());
            insert.setString(6, cut(failure.key(), MAX_KEY));
            insert.setString(7, cut(failure.reason(), MAX_REASON));
            insert.setString(8, text(payload, config.failurePayloadChars()));
            insert.setInt(9, payload.length);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record a failed CDR: " + e.getMessage(), e);
        }
    }

    @Transactional
    public CdrFailurePage list(CdrSource source, int page, int size) {
        Sort newestFirst = Sort.descending("receivedAt", "id");
        PanacheQuery<CdrFailureEntity> found = source == null
                ? CdrFailureEntity.findAll(newestFirst)
                : CdrFailureEntity.find("source", newestFirst, source.name());
        return new CdrFailurePage(found.page(Page.of(page, size)).list().stream().map(CdrFailureView::of).toList(),
                page, size, found.count());
    }

    /**
     * The first {@code maxChars} characters of the payload as UTF-8 text; bytes that are not UTF-8 show as U+FFFD and
     * NUL (which PostgreSQL text cannot hold) as U+2400.
     */
    static String text(byte[] payload, int maxChars) {
        int take = Math.min(payload.length, maxChars * 4);
        String decoded = new String(payload, 0, take, StandardCharsets.UTF_8).replace('\u0000', '\u2400');
        return cut(decoded, maxChars);
    }

    private static String cut(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return value.substring(0, end);
    }
}
