package io.pbxhub.billing.rating;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "pbxhub.billing")
public interface RatingConfig {

    /** The deck every call is rated against until products and accounts choose one (a later issue). */
    @WithDefault("default")
    String defaultDeck();

    /**
     * How often each replica checks deck revisions, i.e. the longest a change made through another replica takes to
     * reach this one's rating. Changes made through this replica apply at once.
     */
    @WithDefault("30s")
    Duration rateDeckRefresh();

    /**
     * How often each replica compares the shared rating revision (products, special rules, global excludes) with the
     * one its compiled cache was built at: the longest a change made through another replica takes to reach this one.
     */
    @WithDefault("5s")
    Duration ratingCacheRefresh();
}
