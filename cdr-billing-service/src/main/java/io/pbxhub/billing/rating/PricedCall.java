package io.pbxhub.billing.rating;

import java.util.List;

/**
 * A call priced for an account's product (or for nobody): the rating, the account, the calltype ({@code Standard} or
 * {@code SpecialRate}), the special rule that matched, the trace, and whether the CDR is to be skipped entirely
 * (a real-time special-rate product's non-matching call, spec 001).
 */
public record PricedCall(Rating rating, Long accountId, boolean realTime, String calltype, Long specialRuleId,
        String specialPattern, String billingMode, List<String> trace, boolean skip) {

    public static final String SPECIAL_RATE = "SpecialRate";
    public static final String STANDARD = "Standard";

    public String traceText() {
        return String.join("\n", trace);
    }
}
