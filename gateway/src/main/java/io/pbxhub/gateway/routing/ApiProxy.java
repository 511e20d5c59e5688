package io.pbxhub.gateway.routing;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pbxhub.common.error.ApiError;
import io.pbxhub.gateway.accesslog.AccessLog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Forwards {@code /api/v1/**} to the service that owns the path, with Vert.x HTTP Proxy (streaming, no buffering of
 * bodies). It adds a request id that services log, and turns upstream failures into the standard error body.
 * {@code /internal/**} is never forwarded: it matches no route.
 */
@ApplicationScoped
public class ApiProxy {

    public static final String REQUEST_ID = "X-Request-Id";
    private static final Logger LOG = Logger.getLogger(ApiProxy.class);
    private static final String ROUTE_KEY = "pbxhub.route";

    private final RouteTable routes;
    private final GatewayConfig config;
    private final ObjectMapper mapper;
    private final AccessLog accessLog;

    public ApiProxy(GatewayConfig config, ObjectMapper mapper, AccessLog accessLog) {
        this.routes = new RouteTable(config);
        this.config = config;
        this.mapper = mapper;
        this.accessLog = accessLog;
    }

    void install(@Observes Router router, Vertx vertx) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setMaxPoolSize(200)
                .setKeepAlive(true));
        HttpProxy proxy = HttpProxy.reverseProxy(client)
                .originRequestProvider(this::originRequest)
                .addInterceptor(new StandardErrors());
        router.route("/api/v1/*").order(-10).handler(rc -> forward(rc, proxy));
    }

    private void forward(RoutingContext rc, HttpProxy proxy) {
        HttpServerRequest request = rc.request();
        var route = routes.resolve(request.path());
        if (route.isEmpty()) {
            reply(rc, 404, "no API route for " + request.method() + " " + request.path());
            return;
        }
        String requestId = request.getHeader(REQUEST_ID);
        if (requestId == null || requestId.isBlank() || requestId.length() > 128) {
            requestId = UUID.randomUUID().toString();
            request.headers().set(REQUEST_ID, requestId);
        }
        long started = System.nanoTime();
        String id = requestId;
        rc.put(ROUTE_KEY, route.get());
        request.response().putHeader(REQUEST_ID, requestId);
        request.response().endHandler(v -> accessLog.record(id, request, route.get().service(),
                request.response().getStatusCode(), System.nanoTime() - started));
        proxy.handle(request);
    }

    private Future<io.vertx.core.http.HttpClientRequest> originRequest(HttpServerRequest request, HttpClient client) {
        var route = routes.resolve(request.path()).orElseThrow();
        return client.request(new RequestOptions()
                .setHost(route.url().getHost())
                .setPort(route.port())
                .setIdleTimeout(config.upstreamTimeout().toMillis()));
    }

    private void reply(RoutingContext rc, int status, String message) {
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(json(status, message));
    }

    private Buffer json(int status, String message) {
        try {
            return Buffer.buffer(mapper.writeValueAsBytes(ApiError.of(message)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An upstream that cannot be reached or times out becomes a 502/504 in the standard format. */
    private final class StandardErrors implements ProxyInterceptor {

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            return context.sendRequest().recover(failure -> {
                boolean timeout = failure instanceof java.util.concurrent.TimeoutException
                        || String.valueOf(failure.getMessage()).contains("timeout");
                int status = timeout ? 504 : 502;
                String path = context.request().getURI();
                LOG.warnf("upstream failed for %s: %s", path, failure.getMessage());
                ProxyResponse response = context.request().response()
                        .setStatusCode(status)
                        .putHeader("Content-Type", "application/json")
                        .setBody(Body.body(json(status, timeout
                                ? "the service behind this route timed out"
                                : "the service behind this route is unavailable")));
                return Future.succeededFuture(response);
            });
        }
    }
}
