package io.pbxhub.instance.pbx3cx;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.agroal.api.AgroalDataSource;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;

/** Request bodies and shortcuts shared by the 3CX tests. */
public final class Pbx3cxFixtures {

    public static final String HOSTS = "/api/v1/pbx3cx-hosts";

    private Pbx3cxFixtures() {
    }

    /** A host name nobody else's test uses. */
    public static String hostName() {
        return "pbx-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
    }

    public static Map<String, Object> host() {
        Map<String, Object> body = new HashMap<>();
        body.put("host_name", hostName());
        return body;
    }

    public static long create(Map<String, Object> body) {
        Number id = given().contentType(ContentType.JSON).body(body).post(HOSTS).then().statusCode(201).extract()
                .path("id");
        return id.longValue();
    }

    public static long createHost() {
        return create(host());
    }

    public static long count(AgroalDataSource dataSource, String table) {
        return queryLong(dataSource, "select count(*) from " + table);
    }

    public static long queryLong(AgroalDataSource dataSource, String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One row as column name to value (as strings), or an empty map. */
    public static Map<String, String> row(AgroalDataSource dataSource, String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                Map<String, String> row = new HashMap<>();
                if (rs.next()) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnName(i), rs.getString(i));
                    }
                }
                return row;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
