package io.pbxhub.esl.instance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * instance-service's internal credentials endpoint, stood up as a small Vert.x HTTP server on a free port (no
 * WireMock).
 * It checks the service token exactly like the real endpoint and answers 404 for unknown instances. Tests set the
 * password of an instance over HTTP ({@code PUT /test/instances/{id}/esl-password}) so the state does not depend on
 * which class loader runs the test.
 */
public class FakeInstanceService implements QuarkusTestResourceLifecycleManager {

    public static final String TOKEN = "test-internal-token";

    private static final String CREDENTIALS = "^/internal/v1/instances/([^/]+)/credentials$";
    private static final String TEST_PASSWORD = "^/test/instances/([^/]+)/esl-password$";
    private static final String TEST_REQUESTS = "^/test/instances/([^/]+)/requests$";

    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
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
            credentials(request, path.replaceAll(CREDENTIALS, "$1"));
        } else if (request.method() == HttpMethod.PUT && path.matches(TEST_PASSWORD)) {
            String id = path.replaceAll(TEST_PASSWORD, "$1");
            request.body().onSuccess(body -> {
                passwords.put(id, body.toString());
                request.response().setStatusCode(204).end();
            });
        } else if (request.method() == HttpMethod.GET && path.matches(TEST_REQUESTS)) {
            String id = path.replaceAll(TEST_REQUESTS, "$1");
            request.response().end(Integer.toString(requests.getOrDefault(id, new AtomicInteger()).get()));
        } else {
            error(request, 404, "no route " + path);
        }
    }

    private void credentials(HttpServerRequest request, String id) {
        requests.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        if (!TOKEN.equals(request.getHeader("X-PbxHub-Service-Token"))) {
            error(request, 401, "missing or wrong service token");
            return;
        }
        String password = passwords.get(id);
        if (password == null) {
            error(request, 404, "instance " + id + " not found");
            return;
        }
        request.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                .put("instance_id", id).put("esl_password", password).put("db_username", "fusionpbx")
                .put("db_password", "db-secret").encode());
    }

    private static void error(HttpServerRequest request, int status, String message) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("status", "error").put("message", message)
                        .put("timestamp", java.time.Instant.now().toString()).encode());
    }

    /** Sets the ESL password instance-service will hand out for {@code instanceId}. */
    public static void eslPassword(UUID instanceId, String password) {
        HttpResponse<String> response = call(HttpRequest.newBuilder(uri("/test/instances/" + instanceId
                + "/esl-password")).PUT(HttpRequest.BodyPublishers.ofString(password)));
        if (response.statusCode() != 204) {
            throw new IllegalStateException("fake instance-service answered " + response.statusCode());
        }
    }

    /** How often the service asked for the credentials of {@code instanceId}. */
    public static int credentialRequests(UUID instanceId) {
        return Integer.parseInt(call(HttpRequest.newBuilder(uri("/test/instances/" + instanceId + "/requests")).GET())
                .body());
    }

    private static URI uri(String path) {
        return URI.create(ConfigProvider.getConfig().getValue("pbxhub.instance-service.url", String.class) + path);
    }

    private static HttpResponse<String> call(HttpRequest.Builder request) {
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("cannot reach the fake instance-service", e);
        }
    }
}
