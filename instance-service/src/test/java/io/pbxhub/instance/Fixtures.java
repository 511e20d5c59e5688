package io.pbxhub.instance;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;

/** Request bodies and shortcuts shared by the instance-service tests. */
public final class Fixtures {

    /** Every secret a test sends contains this, so a leak check can look for one string. */
    public static final String SECRET_MARKER = "S3cr3t";

    private Fixtures() {
    }

    public static String secret() {
        return SECRET_MARKER + "-" + UUID.randomUUID();
    }

    public static Map<String, Object> instance(String name, String dbHost, int dbPort, String dbName, String dbUser,
            String dbPassword, String eslHost, int eslPort, String eslPassword) {
        Map<String, Object> db = new HashMap<>(Map.of("host", dbHost, "port", dbPort, "name", dbName, "username",
                dbUser));
        if (dbPassword != null) {
            db.put("password", dbPassword);
        }
        Map<String, Object> esl = new HashMap<>(Map.of("host", eslHost, "port", eslPort));
        if (eslPassword != null) {
            esl.put("password", eslPassword);
        }
        return Map.of("name", name, "hostname", "pbx.example.com", "database", db, "esl", esl);
    }

    public static Map<String, Object> unreachableInstance(String name) {
        return instance(name, "127.0.0.1", 1, "fusionpbx", "fusionpbx", secret(), "127.0.0.1", 1,
                secret());
    }

    public static String create(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/instances")
                .then().statusCode(201).extract().path("id");
    }
}
