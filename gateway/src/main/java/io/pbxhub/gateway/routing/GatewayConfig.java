package io.pbxhub.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the gateway sends what: each upstream service has a base URL and the path patterns it answers. A pattern is
 * matched segment by segment; {@code *} is one segment, a trailing {@code **} any number of them.
 */
@ConfigMapping(prefix = "pbxhub.gateway")
public interface GatewayConfig {

    Map<String, Upstream> services();

    /** How long an upstream may stay silent before the client gets a 504. */
    @WithDefault("30s")
    Duration upstreamTimeout();

    @WithDefault("2s")
    Duration connectTimeout();

    interface Upstream {
        URI url();

        List<String> routes();
    }
}
