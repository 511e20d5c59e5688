package io.pbxhub.instance.tier;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.pbxhub.common.error.ApiException;

/** Refuses a new instance beyond what the licensed tier allows. */
@ApplicationScoped
public class TierPolicy {

    private final TierConfig config;

    public TierPolicy(TierConfig config) {
        this.config = config;
        if (!config.limits().containsKey(tier())) {
            throw new IllegalStateException("pbxhub.tier.current=" + config.current() + " is not a configured tier "
                    + config.limits().keySet());
        }
    }

    public String tier() {
        return config.current().toLowerCase(Locale.ROOT);
    }

    /** Throws 409 if one more instance would exceed the tier's limit. */
    public void checkCanAdd(long existingInstances) {
        int max = config.limits().get(tier()).maxInstances();
        if (max > 0 && existingInstances >= max) {
            String name = tier().substring(0, 1).toUpperCase(Locale.ROOT) + tier().substring(1);
            throw ApiException.conflict("the " + name + " tier allows " + max + " PBX instance"
                    + (max == 1 ? "" : "s") + "; remove one or upgrade to Enterprise for more");
        }
    }
}
