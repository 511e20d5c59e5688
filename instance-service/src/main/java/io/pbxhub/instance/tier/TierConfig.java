package io.pbxhub.instance.tier;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The product tier this deployment is licensed for and how many PBX instances each tier allows. Community and
 * Professional allow one; Enterprise has no limit (0).
 */
@ConfigMapping(prefix = "pbxhub.tier")
public interface TierConfig {

    @WithDefault("professional")
    String current();

    Map<String, Limits> limits();

    interface Limits {
        /** 0 means no limit. */
        int maxInstances();
    }
}
