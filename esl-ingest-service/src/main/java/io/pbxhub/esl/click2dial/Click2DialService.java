package io.pbxhub.esl.click2dial;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import io.pbxhub.common.error.ApiException;
import io.pbxhub.esl.connection.EslCommandException;
import io.pbxhub.esl.connection.EslConfig;
import io.pbxhub.esl.connection.EslConnection;
import io.pbxhub.esl.connection.EslConnectionManager;
import io.pbxhub.esl.live.PresenceTracker;
import io.pbxhub.esl.protocol.EslFrame;

/** Turns a click-to-dial order into {@code bgapi originate} on the instance's own ESL connection. */
@ApplicationScoped
public class Click2DialService {

    private final EslConnectionManager connections;
    private final PresenceTracker presence;
    private final Click2DialJobs jobs;
    private final Duration timeout;

    public Click2DialService(EslConnectionManager connections, PresenceTracker presence, Click2DialJobs jobs,
            EslConfig config) {
        this.connections = connections;
        this.presence = presence;
        this.jobs = jobs;
        this.timeout = config.commandTimeout();
    }

    public CompletionStage<Click2DialJob> dial(UUID instanceId, Click2DialRequest request) {
        EslConnection connection = liveConnection(connections, instanceId);
        String domain = domain(instanceId, request);
        String command = originate(request, domain);
        return connection.command(command, timeout)
                .handle((reply, error) -> {
                    if (error != null) {
                        throw commandFailed(error);
                    }
                    return started(instanceId, reply);
                });
    }

    /** The connection of an instance this replica holds, up: else 404 (not ours / unknown) or 409 (not connected). */
    public static EslConnection liveConnection(EslConnectionManager connections, UUID instanceId) {
        EslConnection connection = connections.connection(instanceId);
        if (connection == null) {
            throw ApiException.notFound("instance", instanceId);
        }
        if (connection.state() != EslConnection.State.UP) {
            throw ApiException.conflict("instance " + instanceId + " has no live ESL connection");
        }
        return connection;
    }

    /** Maps a failed ESL command to what the caller can do about it. */
    public static ApiException commandFailed(Throwable error) {
        Throwable cause = error.getCause() != null && !(error instanceof EslCommandException)
                ? error.getCause()
                : error;
        if (cause instanceof EslCommandException) {
            return new ApiException(503, "PBX did not answer: " + cause.getMessage());
        }
        if (cause instanceof ApiException api) {
            return api;
        }
        return new ApiException(502, "PBX command failed: " + cause.getMessage());
    }

    private Click2DialJob started(UUID instanceId, EslFrame reply) {
        String jobId = reply.header("Job-UUID");
        if (!reply.replyText().startsWith("+OK") || jobId == null || jobId.isBlank()) {
            throw new ApiException(502, "PBX refused the originate: " + reply.replyText());
        }
        return jobs.started(jobId.strip(), instanceId);
    }

    private String domain(UUID instanceId, Click2DialRequest request) {
        if (request.domain() != null) {
            return request.domain().toLowerCase(Locale.ROOT);
        }
        Set<String> known = presence.domainsOf(instanceId, request.fromExtension());
        if (known.size() == 1) {
            return known.iterator().next();
        }
        throw ApiException.badRequest(known.isEmpty()
                ? "domain is required: extension " + request.fromExtension() + " has not been seen on this instance"
                : "domain is required: extension " + request.fromExtension() + " exists in several domains");
    }

    /**
     * {@code bgapi originate {vars}user/<ext>@<domain> <number> XML <domain>}: ring the user's phone, and when it
     * answers send the call through the dialplan of its domain (FusionPBX's context is the domain name).
     */
    static String originate(Click2DialRequest r, String domain) {
        StringBuilder vars = new StringBuilder("{ignore_early_media=true,origination_caller_id_number=");
        vars.append(r.callerIdNumber() != null ? r.callerIdNumber() : r.fromExtension());
        if (r.callerIdName() != null) {
            vars.append(",origination_caller_id_name=").append(r.callerIdName());
        }
        vars.append('}');
        return "bgapi originate " + vars + "user/" + r.fromExtension() + "@" + domain + " " + r.toNumber() + " XML "
                + domain;
    }
}
