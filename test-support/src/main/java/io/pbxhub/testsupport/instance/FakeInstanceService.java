package io.pbxhub.testsupport.instance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.ConfigProvider;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * instance-service's internal credentials endpoint ({@code GET /internal/v1/instances/{id}/credentials}) for the
 * services that fetch PBX secrets from it, on a free port. It checks the service token like the real endpoint and
 * answers 404 for unknown instances. Tests set an instance's secrets with {@link #eslPassword} and
 * {@link #dbCredentials}; they travel over HTTP so the state does not depend on which class loader runs the test.
 */
public class FakeInstanceService implements QuarkusTestResourceLifecycleManager {

    public static final String TOKEN = "test-internal-token";

    private static final Pattern CREDENTIALS = Pattern.compile("^/internal/v1/instances/([^/]+)/credentials$");
    private static final Pattern TEST_SECRET = Pattern
            .compile("^/test/instances/([^/]+)/(esl_password|db_username|db_password)$");
    private static final Pattern TEST_REQUESTS = Pattern.compile("^/test/instances/([^/]+)/requests$");

    /** Per instance: the secrets set by the test; an instance is known once one is set. */
    private final Map<String, Map<String, String>> secrets = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake instance-service", e);
        }
        server.createContext("/", this::handle);
        server.start();
        return Map.of("pbxhub.instance-service.url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "pbxhub.internal.service-token", TOKEN);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Matcher m;
            if ("GET".equals(method) && (m = CREDENTIALS.matcher(path)).matches()) {
                credentials(exchange, m.group(1));
            } else if ("PUT".equals(method) && (m = TEST_SECRET.matcher(path)).matches()) {
                String value = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                secrets.computeIfAbsent(m.group(1), k -> new ConcurrentHashMap<>()).put(m.group(2), value);
                exchange.sendResponseHeaders(204, -1);
            } else if ("GET".equals(method) && (m = TEST_REQUESTS.matcher(path)).matches()) {
                send(exchange, 200, Integer.toString(requests.getOrDefault(m.group(1), new AtomicInteger()).get()));
            } else {
                error(exchange, 404, "no route " + path);
            }
        }
    }

    private void credentials(HttpExchange exchange, String id) throws IOException {
        requests.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        if (!TOKEN.equals(exchange.getRequestHeaders().getFirst("X-PbxHub-Service-Token"))) {
            error(exchange, 401, "missing or wrong service token");
            return;
        }
        Map<String, String> known = secrets.get(id);
        if (known == null) {
            error(exchange, 404, "instance " + id + " not found");
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        send(exchange, 200, "{\"instance_id\":" + json(id) + ",\"esl_password\":"
                + json(known.getOrDefault("esl_password", "ClueCon")) + ",\"db_username\":"
                + json(known.getOrDefault("db_username", "fusionpbx")) + ",\"db_password\":"
                + json(known.getOrDefault("db_password", "db-secret")) + "}");
    }

    private static void error(HttpExchange exchange, int status, String message) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        send(exchange, status, "{\"status\":\"error\",\"message\":" + json(message) + ",\"timestamp\":"
                + json(Instant.now().toString()) + "}");
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String json(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** Sets the ESL password instance-service hands out for {@code instanceId}. */
    public static void eslPassword(UUID instanceId, String password) {
        put(instanceId, "esl_password", password);
    }

    /** Sets the database credentials instance-service hands out for {@code instanceId}. */
    public static void dbCredentials(UUID instanceId, String username, String password) {
        put(instanceId, "db_username", username);
        put(instanceId, "db_password", password);
    }

    /** How often the service asked for the credentials of {@code instanceId}. */
    public static int credentialRequests(UUID instanceId) {
        return Integer.parseInt(call(HttpRequest.newBuilder(uri("/test/instances/" + instanceId + "/requests")).GET())
                .body());
    }

    private static void put(UUID instanceId, String secret, String value) {
        HttpResponse<String> response = call(HttpRequest.newBuilder(uri("/test/instances/" + instanceId + "/" + secret))
                .PUT(HttpRequest.BodyPublishers.ofString(value)));
        if (response.statusCode() != 204) {
            throw new IllegalStateException("fake instance-service answered " + response.statusCode());
        }
    }

    private static URI uri(String path) {
        return URI.create(ConfigProvider.getConfig().getValue("pbxhub.instance-service.url", String.class) + path);
    }

    private static HttpResponse<String> call(HttpRequest.Builder request) {
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the fake instance-service", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
