package io.pbxhub.billing.fusionpbx;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.postgresql.ds.PGSimpleDataSource;

import io.pbxhub.billing.instance.BillingInstance;
import io.pbxhub.billing.instance.InstanceCredentials;

/**
 * Reads one FusionPBX instance's {@code v_xml_cdr}, read-only: the connection is opened read-only with
 * {@code default_transaction_read_only=on}, short connect/socket timeouts and a statement timeout, and every query is
 * bounded by a row limit. Rows come in {@code (insert_date, xml_cdr_uuid)} order after a cursor (keyset paging).
 */
final class XmlCdrReader implements AutoCloseable {

    static final UUID LOWEST_UUID = new UUID(0, 0);

    private static final String QUERY = """
            SELECT c.xml_cdr_uuid, c.domain_name, c.direction, c.caller_id_name, c.caller_id_number,
                c.destination_number, c.start_epoch, c.start_stamp, c.answer_epoch, c.answer_stamp, c.end_epoch,
                c.end_stamp, c.duration, c.billsec, c.hangup_cause, c.hangup_cause_q850, c.bridge_uuid, c.leg,
                c.originating_leg_uuid, c.insert_date, e.extension
            FROM v_xml_cdr c LEFT JOIN v_extensions e ON e.extension_uuid = c.extension_uuid
            WHERE c.insert_date IS NOT NULL AND (c.insert_date, c.xml_cdr_uuid) > (?, ?)
            ORDER BY c.insert_date, c.xml_cdr_uuid
            LIMIT ?""";

    private final Connection connection;

    private XmlCdrReader(Connection connection) {
        this.connection = connection;
    }

    static XmlCdrReader open(BillingInstance instance, InstanceCredentials credentials, FusionPbxConfig config)
            throws SQLException {
        String type = instance.dbType == null ? "pgsql" : instance.dbType.strip().toLowerCase(Locale.ROOT);
        if (!type.equals("pgsql") && !type.equals("postgresql") && !type.equals("postgres")) {
            throw new SQLException("database type " + instance.dbType + " is not supported (PostgreSQL only)");
        }
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setServerNames(new String[]{instance.dbHost});
        source.setPortNumbers(new int[]{instance.dbPort == null ? 5432 : instance.dbPort});
        source.setDatabaseName(instance.dbName);
        source.setUser(credentials.dbUsername());
        source.setPassword(credentials.dbPassword());
        int connectSeconds = (int) Math.max(1, config.connectTimeout().toSeconds());
        source.setConnectTimeout(connectSeconds);
        source.setLoginTimeout(connectSeconds);
        source.setSocketTimeout((int) Math.max(1, config.queryTimeout().toSeconds() + 5));
        source.setReadOnly(true);
        source.setApplicationName("pbxhub-cdr-billing-import");
        source.setOptions("-c default_transaction_read_only=on -c statement_timeout="
                + config.queryTimeout().toMillis());
        Connection connection = source.getConnection();
        connection.setReadOnly(true);
        return new XmlCdrReader(connection);
    }

    List<XmlCdrRow> after(Instant insertDate, UUID xmlCdrUuid, int limit) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(QUERY)) {
            query.setObject(1, OffsetDateTime.ofInstant(insertDate, ZoneOffset.UTC));
            query.setObject(2, xmlCdrUuid);
            query.setInt(3, limit);
            List<XmlCdrRow> rows = new ArrayList<>(limit);
            try (ResultSet r = query.executeQuery()) {
                while (r.next()) {
                    rows.add(new XmlCdrRow(r.getObject("xml_cdr_uuid", UUID.class), r.getString("domain_name"),
                            r.getString("direction"), r.getString("caller_id_name"), r.getString("caller_id_number"),
                            r.getString("destination_number"), r.getBigDecimal("start_epoch"),
                            instant(r, "start_stamp"), r.getBigDecimal("answer_epoch"), instant(r, "answer_stamp"),
                            r.getBigDecimal("end_epoch"), instant(r, "end_stamp"), r.getBigDecimal("duration"),
                            r.getBigDecimal("billsec"), r.getString("hangup_cause"),
                            r.getBigDecimal("hangup_cause_q850"), r.getString("bridge_uuid"), r.getString("leg"),
                            r.getObject("originating_leg_uuid", UUID.class), instant(r, "insert_date"),
                            r.getString("extension")));
                }
            }
            return rows;
        }
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        OffsetDateTime value = r.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
