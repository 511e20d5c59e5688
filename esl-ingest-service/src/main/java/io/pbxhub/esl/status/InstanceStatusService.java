package io.pbxhub.esl.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import io.pbxhub.common.error.ApiException;
import io.pbxhub.esl.click2dial.Click2DialService;
import io.pbxhub.esl.connection.EslConfig;
import io.pbxhub.esl.connection.EslConnection;
import io.pbxhub.esl.connection.EslConnectionManager;
import io.pbxhub.esl.protocol.EslFrame;

/** Spec 004's status and registration checks, answered by FreeSWITCH over the instance's ESL connection. */
@ApplicationScoped
public class InstanceStatusService {

    static final String REGISTRATIONS = "sofia status profile internal reg";

    private final EslConnectionManager connections;
    private final Duration timeout;

    public InstanceStatusService(EslConnectionManager connections,
            EslConfig config) {
        this.connections = connections;
        this.timeout = config.commandTimeout();
    }

    public CompletionStage<SystemStatus> systemStatus(UUID instanceId) {
        EslConnection c = Click2DialService.liveConnection(connections, instanceId);
        // Sent together; the connection runs them one at a time.
        CompletableFuture<String> version = api(c, "version");
        CompletableFuture<String> status = api(c, "status");
        CompletableFuture<String> calls = api(c, "show calls count");
        CompletableFuture<String> users = api(c, "list_users");
        CompletableFuture<String> regs = api(c, REGISTRATIONS);
        return CompletableFuture.allOf(version, status, calls, users, regs).handle((v, error) -> {
            if (error != null) {
                throw Click2DialService.commandFailed(error);
            }
            Long up = ApiOutputs.uptimeSeconds(status.join());
            Set<String> all = ApiOutputs.listUsers(users.join());
            long registered = ApiOutputs.sofiaRegistrations(regs.join()).stream()
                    .map(r -> r.user() + "@" + r.domain()).distinct().count();
            return new SystemStatus("success", "System operational", Instant.now(),
                    ApiOutputs.version(version.join()), up == null ? null : ApiOutputs.uptimeText(up), up,
                    ApiOutputs.total(calls.join()), all.isEmpty() ? null : all.size(), (int) registered,
                    connections.lostEvents(instanceId));
        });
    }

    public CompletionStage<RegistrationStatus> registration(UUID instanceId, String extension, String domain) {
        EslConnection c = Click2DialService.liveConnection(connections, instanceId);
        return api(c, REGISTRATIONS).handle((output, error) -> {
            if (error != null) {
                throw Click2DialService.commandFailed(error);
            }
            List<ApiOutputs.Registration> matches = ApiOutputs.sofiaRegistrations(output).stream()
                    .filter(r -> extension.equals(r.user())
                            && (domain == null || domain.toLowerCase(Locale.ROOT).equals(r.domain())))
                    .toList();
            if (matches.stream().map(ApiOutputs.Registration::domain).distinct().count() > 1) {
                throw ApiException.badRequest("extension " + extension
                        + " is registered in several domains; give tenant_domain");
            }
            if (matches.isEmpty()) {
                return new RegistrationStatus("success", "Extension status retrieved", extension, domain, "no", null,
                        null, null);
            }
            // The newest contact is listed last; a phone with several contacts shows that one.
            ApiOutputs.Registration r = matches.get(matches.size() - 1);
            return new RegistrationStatus("success", "Extension status retrieved", extension, r.domain(), "yes",
                    r.ip(), r.port(), r.agent());
        });
    }

    /** The body of an {@code api} reply; FreeSWITCH's "-ERR ..." text is a failed command. */
    private CompletableFuture<String> api(EslConnection c, String command) {
        return c.command("api " + command, timeout).thenApply(EslFrame::bodyText).thenApply(body -> {
            if (body.startsWith("-ERR") && !"list_users".equals(command)) {
                throw new ApiException(502, "PBX refused '" + command + "': " + body.strip());
            }
            return body;
        });
    }
}
