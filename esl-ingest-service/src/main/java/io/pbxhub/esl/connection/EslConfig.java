package io.pbxhub.esl.connection;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the service holds its ESL connections ({@code pbxhub.esl.*}). */
@ConfigMapping(prefix = "pbxhub.esl")
public interface EslConfig {

    Reconnect reconnect();

    /** TCP connect timeout. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** From TCP connect to a confirmed event subscription; a PBX that stalls in between is dropped and retried. */
    @WithDefault("10s")
    Duration handshakeTimeout();

    /**
     * A connection that receives nothing for this long is treated as dead and reopened. FreeSWITCH sends HEARTBEAT
     * every 20 s by default, so about 60 s suits production; 0 (off) is the default because the test simulator sends
     * no heartbeats. TCP keep-alive stays on either way.
     */
    @WithDefault("0s")
    Duration readIdleTimeout();

    /** How often the replay marks that moved are written to PostgreSQL (one batch; read by the flush schedule). */
    @WithDefault("1s")
    Duration markFlushInterval();

    /** Bytes that stay short of a whole frame this long mean a corrupt stream: the connection is reopened. */
    @WithDefault("5s")
    Duration partialFrameTimeout();

    /**
     * Events remembered per connection to drop replays (Core-UUID + Event-Sequence) not yet covered by the durable
     * mark (esl_event_mark).
     */
    @WithDefault("10000")
    int dedupWindow();

    /** How long an {@code api}/{@code bgapi} command may wait for its turn and reply before the caller gets a 503. */
    @WithDefault("5s")
    Duration commandTimeout();

    /** Port used when an instance gives an ESL host but no port (FreeSWITCH's default). */
    @WithDefault("8021")
    int defaultPort();

    interface Reconnect {

        @WithDefault("1s")
        Duration initialDelay();

        @WithDefault("30s")
        Duration maxDelay();
    }
}
