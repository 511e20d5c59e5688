package io.pbxhub.instance.audit;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Who is acting: the principal the gateway names in {@value #HEADER}, {@value #ANONYMOUS} for an HTTP request without
 * one, and {@value #SYSTEM} for work that no request started (scheduler, Kafka consumer, startup).
 */
@ApplicationScoped
public class CurrentActor {

    public static final String HEADER = "X-PbxHub-Principal";
    public static final String ANONYMOUS = "anonymous";
    public static final String SYSTEM = "system";
    static final int MAX_LENGTH = 200;

    private final CurrentVertxRequest request;

    public CurrentActor(CurrentVertxRequest request) {
        this.request = request;
    }

    public String name() {
        // The scheduler activates a request context too, so an active context alone does not mean HTTP.
        if (!Arc.container().requestContext().isActive()) {
            return SYSTEM;
        }
        RoutingContext http = request.getCurrent();
        if (http == null) {
            return SYSTEM;
        }
        return principal(http.request().getHeader(HEADER));
    }

    /** The header as an audit row stores it: control characters removed, at most 200 characters. */
    static String principal(String header) {
        if (header == null) {
            return ANONYMOUS;
        }
        String clean = header.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        if (clean.isEmpty()) {
            return ANONYMOUS;
        }
        return clean.length() > MAX_LENGTH ? clean.substring(0, MAX_LENGTH) : clean;
    }
}
