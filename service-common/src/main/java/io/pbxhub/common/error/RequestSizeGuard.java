package io.pbxhub.common.error;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Refuses a body declared larger than {@code quarkus.http.limits.max-body-size} with 413 in the standard error format
 * before any of it is read; without this the HTTP layer answers 413 with an empty body.
 */
@ApplicationScoped
public class RequestSizeGuard {

    private final long maxBytes;

    public RequestSizeGuard(
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize max) {
        this.maxBytes = max.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            String declared = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null && tooLarge(declared)) {
                rc.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end("{\"status\":\"error\",\"message\":\"request body larger than " + maxBytes
                                + " bytes\",\"timestamp\":\"" + Instant.now() + "\"}");
                return;
            }
            rc.next();
        });
    }

    private boolean tooLarge(String declared) {
        try {
            return Long.parseLong(declared.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false; // the HTTP layer rejects a malformed length itself
        }
    }
}
