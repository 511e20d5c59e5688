package io.pbxhub.billing.rating;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.pbxhub.billing.account.AccountEntity;
import io.pbxhub.billing.account.Accounts;
import io.pbxhub.billing.product.ProductEntity;
import io.pbxhub.billing.product.Products;
import io.pbxhub.billing.special.ChargeOptions;
import io.pbxhub.billing.special.SpecialCheck;
import io.pbxhub.billing.special.SpecialRule;
import io.pbxhub.billing.special.SpecialRuleSet;
import io.pbxhub.billing.special.SpecialRules;
import io.pbxhub.contracts.Direction;
import io.pbxhub.contracts.RawCdr;

/**
 * Prices a call for the account it belongs to (see {@link Accounts#attribute}):
 * <ul>
 * <li>Special Number Billing on: the product's rules alone decide (spec 001). A match is billed by its rule with
 * calltype {@code SpecialRate}, whatever the global exclude list says; no match is not charged, and on a real-time
 * product is skipped entirely (not stored).</li>
 * <li>Otherwise standard tariffs: a destination on the global exclude list is not charged; else the longest deck prefix
 * prices it ({@link Rater}), rounded once to the product's scale and rounding mode.</li>
 * <li>No account: standard tariffs on the default deck with the deck's 6-place HALF_UP rounding, as before.</li>
 * </ul>
 */
@ApplicationScoped
public class CallPricing {

    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);
    private static final String FOOTER = "===========================";

    private final RateDecks decks;
    private final Rater rater;
    private final Accounts accounts;
    private final SpecialRules rules;
    private final GlobalExcludes excludes;

    public CallPricing(RateDecks decks, Rater rater, Accounts accounts, SpecialRules rules, GlobalExcludes excludes) {
        this.decks = decks;
        this.rater = rater;
        this.accounts = accounts;
        this.rules = rules;
        this.excludes = excludes;
    }

    @Transactional
    public PricedCall price(RawCdr cdr) {
        Optional<AccountEntity> account = accounts.attribute(cdr);
        if (account.isEmpty()) {
            return standard(cdr, null, null);
        }
        ProductEntity product = ProductEntity.findById(account.get().productId);
        return price(cdr, product, account.get().id);
    }

    /** Prices a call as if it were made on the product: what {@code POST /api/v1/rating/simulate} shows. */
    @Transactional
    public PricedCall simulate(ProductEntity product, String number, Direction direction, long duration) {
        Instant now = Instant.now();
        RawCdr cdr = new RawCdr("simulation", new UUID(0, 0), null, null, null, direction, null, null, number, null,
                null, now, duration > 0 ? now : null, now.plusSeconds(duration), duration, duration, null, null, null,
                null, null, null);
        return price(cdr, product, null);
    }

    /** Prices a call on a given product for a given account (rerating: the CDR is already attributed). */
    @Transactional
    public PricedCall price(RawCdr cdr, ProductEntity product, Long accountId) {
        if (!product.specialNumberBilling) {
            return standard(cdr, product, accountId);
        }
        ChargeOptions options = Products.options(product);
        SpecialRuleSet ruleSet = rules.ruleSet(product.id);
        SpecialCheck check = ruleSet.check(cdr.destinationNumber(), cdr.direction(), cdr.billsec(), options);
        if (check.isMatch()) {
            SpecialRule rule = check.matched().get();
            long billed = Math.max(cdr.billsec(), 0);
            Rating rating = new Rating(billed, check.charge(), options.currency(), MatchedBy.SPECIAL_RATE,
                    rule.pattern());
            return new PricedCall(rating, accountId, product.realTime, PricedCall.SPECIAL_RATE, rule.id(),
                    rule.pattern(), rule.billingMode().name(), check.trace(), false);
        }
        Rating rating = new Rating(0, check.charge(), options.currency(), MatchedBy.NO_SPECIAL_MATCH, null);
        List<String> trace = new ArrayList<>(check.trace());
        if (product.realTime) {
            trace.add(trace.size() - 1, "Real-time product: CDR skipped (not stored)");
        }
        return new PricedCall(rating, accountId, product.realTime, PricedCall.STANDARD, null, null, null,
                List.copyOf(trace), product.realTime);
    }

    private PricedCall standard(RawCdr cdr, ProductEntity product, Long accountId) {
        RateDeck deck = product == null ? decks.forRating() : decks.deck(product.deckId);
        List<String> trace = new ArrayList<>();
        trace.add("=== STANDARD RATE ===");
        trace.add("Destination: " + (cdr.destinationNumber() == null ? "" : cdr.destinationNumber()));
        trace.add("Direction: " + cdr.direction());
        Rating rating = rater.rate(cdr, deck);
        if (rating.matchedBy() == MatchedBy.NOT_BILLABLE) {
            trace.add("Not billable: only answered outbound calls are charged");
        } else {
            Optional<String> excluded = excludes.excluding(cdr.destinationNumber());
            if (excluded.isPresent()) {
                trace.add("Global exclude: " + excluded.get() + " - EXCLUDED");
                rating = new Rating(0, rating.charge(), rating.currency(), MatchedBy.EXCLUDED, excluded.get());
            } else {
                trace.add("Global exclude: no match");
                Optional<PrefixRate> rate = deck.match(cdr.destinationNumber());
                if (rate.isEmpty()) {
                    trace.add("Rate deck " + deck.id() + ": no prefix matches - NOT CHARGED");
                } else {
                    PrefixRate r = rate.get();
                    if (product != null) {
                        rating = new Rating(rating.billedSeconds(), charge(rating.billedSeconds(), r,
                                Products.options(product).scale(), RoundingMode.valueOf(product.roundingMode)),
                                rating.currency(), rating.matchedBy(), rating.matchedPrefix());
                    }
                    trace.add("Rate deck " + deck.id() + ": prefix " + r.prefix() + " - MATCH!");
                    trace.add("Per Minute Rate: " + SpecialRuleSet.money(r.ratePerMinute(), deck.currency())
                            + ", Connect Fee: " + SpecialRuleSet.money(r.connectFee(), deck.currency())
                            + ", Increments: " + r.firstIncrement() + "/" + r.nextIncrement()
                            + ", Minimum: " + r.minDuration() + " s");
                    trace.add("Billed Seconds: " + rating.billedSeconds());
                }
            }
        }
        trace.add("Charge: " + SpecialRuleSet.money(rating.charge(), deck.currency()));
        trace.add(FOOTER);
        return new PricedCall(rating, accountId, product != null && product.realTime, PricedCall.STANDARD, null,
                null, null, List.copyOf(trace), false);
    }

    /** {@link Rater#charge} rounded once to the product's scale and mode instead of 6 places HALF_UP. */
    static BigDecimal charge(long billedSeconds, PrefixRate rate, int scale, RoundingMode rounding) {
        return BigDecimal.valueOf(billedSeconds).multiply(rate.ratePerMinute())
                .add(rate.connectFee().multiply(SIXTY)).divide(SIXTY, scale, rounding);
    }
}
