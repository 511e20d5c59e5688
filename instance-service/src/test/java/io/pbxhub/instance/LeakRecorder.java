package io.pbxhub.instance;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;

/**
 * Test-only: keeps every API response body and every log line of the test run, so {@link NoSecretLeakTest} can look
 * for secrets in them. Responses of {@code /internal/**} are skipped: serving credentials to services is that
 * endpoint's job.
 */
@Singleton
public class LeakRecorder {

    public static final Queue<String> RESPONSES = new ConcurrentLinkedQueue<>();
    public static final Queue<String> LOG_LINES = new ConcurrentLinkedQueue<>();

    private final ObjectMapper mapper;

    public LeakRecorder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void captureLogs(@Observes StartupEvent event) {
        java.util.logging.Logger.getLogger("").addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                StringBuilder line = new StringBuilder(String.valueOf(r.getMessage()));
                if (r.getParameters() != null) {
                    for (Object p : r.getParameters()) {
                        line.append(' ').append(p);
                    }
                }
                for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
                    line.append(' ').append(t);
                }
                LOG_LINES.add(line.toString());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    @ServerResponseFilter
    public void captureResponse(ContainerRequestContext request, ContainerResponseContext response) throws Exception {
        if (!request.getUriInfo().getPath().startsWith("/internal/") && response.getEntity() != null) {
            RESPONSES.add(mapper.writeValueAsString(response.getEntity()));
        }
    }
}
