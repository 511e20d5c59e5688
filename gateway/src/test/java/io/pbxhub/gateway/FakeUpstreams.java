package io.pbxhub.gateway;

import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

/**
 * Two HTTP servers standing in for instance-service and esl-ingest-service: they echo what reached them, so a test
 * can see exactly what the gateway forwarded. The sync upstream points at a closed port.
 */
public class FakeUpstreams implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, String> config = new HashMap<>();
        config.put("pbxhub.gateway.services.instance.url", "http://127.0.0.1:" + echo("instance-service"));
        config.put("pbxhub.gateway.services.esl.url", "http://127.0.0.1:" + echo("esl-ingest-service"));
        config.put("pbxhub.gateway.services.billing.url", "http://127.0.0.1:" + echo("cdr-billing-service"));
        config.put("pbxhub.gateway.services.sync.url", "http://127.0.0.1:" + closedPort());
        return config;
    }

    private int echo(String name) {
        HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            if (req.path().endsWith("/fail")) {
                req.response().setStatusCode(409).putHeader("Content-Type", "application/json")
                        .end("{\"status\":\"error\",\"message\":\"conflict from " + name + "\",\"timestamp\":\"x\"}");
                return;
            }
            JsonObject echo = new JsonObject()
                    .put("service", name)
                    .put("method", req.method().name())
                    .put("uri", req.uri())
                    .put("request_id", req.getHeader("X-Request-Id"))
                    .put("body_length", body.length());
            req.response().putHeader("Content-Type", "application/json").end(echo.encode());
        }));
        return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
