package io.pbxhub.instance.tier;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pbxhub.common.error.ApiException;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TierPolicyTest {

    static TierPolicy policy(String tier) {
        Map<String, TierConfig.Limits> limits = Map.of("community", () -> 1, "professional", () -> 1,
                "enterprise", () -> 0);
        return new TierPolicy(new TierConfig() {
            @Override
            public String current() {
                return tier;
            }

            @Override
            public Map<String, Limits> limits() {
                return limits;
            }
        });
    }

    @Test
    void communityAndProfessionalAllowOneInstance() {
        for (String tier : new String[]{"community", "Professional"}) {
            TierPolicy p = policy(tier);
            assertThatCode(() -> p.checkCanAdd(0)).doesNotThrowAnyException();
            assertThatThrownBy(() -> p.checkCanAdd(1))
                    .isInstanceOfSatisfying(ApiException.class, e -> org.assertj.core.api.Assertions
                            .assertThat(e.status()).isEqualTo(409))
                    .hasMessageContaining("tier allows 1 PBX instance")
                    .hasMessageContaining(tier.substring(0, 1).toUpperCase() + tier.substring(1).toLowerCase());
        }
    }

    @Test
    void enterpriseHasNoLimit() {
        assertThatCode(() -> policy("enterprise").checkCanAdd(10_000)).doesNotThrowAnyException();
    }

    @Test
    void anUnknownTierStopsStartup() {
        assertThatThrownBy(() -> policy("platinum")).hasMessageContaining("not a configured tier");
    }
}
