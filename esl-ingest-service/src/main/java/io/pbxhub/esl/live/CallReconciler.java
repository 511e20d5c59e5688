package io.pbxhub.esl.live;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pbxhub.esl.connection.EslConfig;
import io.pbxhub.esl.connection.EslConnection;
import io.pbxhub.esl.connection.EslConnectionUp;
import io.pbxhub.esl.protocol.EslFrame;

/**
 * After every (re)connect, asks FreeSWITCH which channels it has ({@code api show channels as json}) so the calls that
 * ended while the connection was down leave the live view instead of staying active forever, and those that started
 * meanwhile join it.
 */
@ApplicationScoped
public class CallReconciler {

    static final String SHOW_CHANNELS = "api show channels as json";

    private static final Logger LOG = Logger.getLogger(CallReconciler.class);

    private final LiveState live;
    private final EslConfig config;
    private final ObjectMapper json;

    public CallReconciler(LiveState live, EslConfig config, ObjectMapper json) {
        this.live = live;
        this.config = config;
        this.json = json;
    }

    void up(@Observes EslConnectionUp up) {
        EslConnection connection = up.connection();
        connection.command(SHOW_CHANNELS, config.commandTimeout()).whenComplete((reply, error) -> {
            if (error != null) {
                // the calls stay flagged stale; the next reconnect tries again
                LOG.warnf("ESL %s: cannot list channels after reconnect: %s", connection.instance().instanceId(),
                        error.getMessage());
                return;
            }
            List<ListedChannel> channels = channels(reply);
            if (channels == null) {
                LOG.warnf("ESL %s: unexpected 'show channels as json' output: %s",
                        connection.instance().instanceId(), reply.bodyText());
                return;
            }
            live.reconcile(connection.instance(), channels);
        });
    }

    /**
     * The channels of mod_commands' JSON output: {@code {"row_count":N,"rows":[{"uuid":...},...]}}, just
     * {@code {"row_count":0}} when there are none. Null when the output is not that (an -ERR, say).
     */
    List<ListedChannel> channels(EslFrame reply) {
        try {
            JsonNode root = json.readTree(reply.bodyText());
            if (root == null || !root.has("row_count")) {
                return null;
            }
            List<ListedChannel> channels = new ArrayList<>();
            for (JsonNode row : root.path("rows")) {
                ListedChannel channel = ListedChannel.of(row);
                if (channel.uuid() != null) {
                    channels.add(channel);
                }
            }
            return channels;
        } catch (Exception e) {
            return null;
        }
    }
}
