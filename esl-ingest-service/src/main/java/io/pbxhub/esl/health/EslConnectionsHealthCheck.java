package io.pbxhub.esl.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.pbxhub.esl.connection.EslConnection;
import io.pbxhub.esl.connection.EslConnectionManager;

/**
 * Lists the ESL connections this replica holds and their state. Always UP: a PBX that cannot be reached is that PBX's
 * problem (reported on instance-status), and taking this replica out of service would not bring it back.
 */
@Readiness
@ApplicationScoped
public class EslConnectionsHealthCheck implements HealthCheck {

    private final EslConnectionManager connections;

    public EslConnectionsHealthCheck(EslConnectionManager connections) {
        this.connections = connections;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("esl-connections").up();
        for (EslConnection c : connections.connections()) {
            String state = c.lastReason() == null || c.state() == EslConnection.State.UP
                    ? c.state().name()
                    : c.state() + ": " + c.lastReason();
            builder.withData(c.instance().instanceId().toString(), state);
        }
        return builder.build();
    }
}
