package io.pbxhub.billing.rating;

import java.util.List;

/** How a call was (or would be) priced, with the step-by-step trace; money as decimal strings. */
public record PricingView(String calltype, String matchedBy, String matchedPrefix, Long specialRuleId,
        String billingMode, long billedSeconds, String charge, String currency, boolean skipped, List<String> trace) {

    static PricingView of(PricedCall p) {
        Rating r = p.rating();
        return new PricingView(p.calltype(), r.matchedBy().name(), r.matchedPrefix(), p.specialRuleId(),
                p.billingMode(), r.billedSeconds(), r.charge().toPlainString(), r.currency(), p.skip(), p.trace());
    }
}
