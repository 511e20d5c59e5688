package io.pbxhub.billing.fusionpbx;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * instance-service's internal credentials endpoint as a small Vert.x HTTP server on a free port (the pattern of
 * esl-ingest-service's test of the same name). It checks the service token like the real endpoint and answers 404 for
 * unknown instances. Tests set an instance's database credentials over HTTP
 * ({@code PUT /test/instances/{id}/db-credentials} with {@code {"db_username":..,"db_password":..}}).
 */
public class FakeInstanceService implements QuarkusTestResourceLifecycleManager {

    public static final String TOKEN = "billing-test-internal-token";

    private static final String CREDENTIALS = "^/internal/v1/instances/([^/]+)/credentials$";
    private static final String TEST_CREDENTIALS = "^/test/instances/([^/]+)/db-credentials$";

    private final Map<String, JsonObject> credentials = new ConcurrentHashMap<>();
    private Vertx vertx;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        try {
            server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1").toCompletionStage()
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the fake instance-service", e);
        }
        return Map.of("pbxhub.instance-service.url", "http://127.0.0.1:" + server.actualPort(),
                "pbxhub.internal.service-token", TOKEN);
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        if (request.method() == HttpMethod.GET && path.matches(CREDENTIALS)) {
            String id = path.replaceAll(CREDENTIALS, "$1");
            if (!TOKEN.equals(request.getHeader("X-PbxHub-Service-Token"))) {
                error(request, 401, "missing or wrong service token");
                return;
            }
            JsonObject found = credentials.get(id);
            if (found == null) {
                error(request, 404, "instance " + id + " not found");
                return;
            }
            request.response().putHeader("Content-Type", "application/json").end(found.copy()
                    .put("instance_id", id).put("esl_password", "esl-secret").encode());
        } else if (request.method() == HttpMethod.PUT && path.matches(TEST_CREDENTIALS)) {
            String id = path.replaceAll(TEST_CREDENTIALS, "$1");
            request.body().onSuccess(body -> {
                credentials.put(id, body.toJsonObject());
                request.response().setStatusCode(204).end();
            });
        } else {
            error(request, 404, "no route " + path);
        }
    }

    private static void error(HttpServerRequest request, int status, String message) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("status", "error").put("message", message)
                        .put("timestamp", java.time.Instant.now().toString()).encode());
    }

    /** Sets the database credentials instance-service hands out for {@code instanceId}. */
    public static void dbCredentials(UUID instanceId, String username, String password) {
        String body = new JsonObject().put("db_username", username).put("db_password", password).encode();
        URI uri = URI.create(ConfigProvider.getConfig().getValue("pbxhub.instance-service.url", String.class)
                + "/test/instances/" + instanceId + "/db-credentials");
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                    .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 204) {
                throw new IllegalStateException("fake instance-service answered " + response.statusCode());
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot reach the fake instance-service", e);
        }
    }
}
