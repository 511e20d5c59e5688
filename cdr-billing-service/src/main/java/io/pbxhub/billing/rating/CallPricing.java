package io.pbxhub.billing.rating;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.pbxhub.billing.account.AccountEntity;
import io.pbxhub.billing.account.Accounts;
import io.pbxhub.billing.product.ProductEntity;
import io.pbxhub.billing.special.ChargeOptions;
import io.pbxhub.billing.special.SpecialRule;
import io.pbxhub.billing.special.SpecialRuleSet;
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
 * Products, rules and excludes come from {@link RatingCatalog} and decks from {@link RateDecks}, both in memory: the
 * only database read per CDR is the account attribution. The trace is built only when somebody reads it (the stored
 * CDR, the simulate endpoint), by the slower explain path ({@link SpecialRuleSet#check}), which picks the same rule as
 * the compiled {@link io.pbxhub.billing.special.SpecialRuleIndex} (tested on random rule sets).
 */
@ApplicationScoped
public class CallPricing {

    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);
    private static final BigDecimal NOTHING = BigDecimal.ZERO.setScale(Rater.CHARGE_SCALE);
    private static final String FOOTER = "===========================";

    private final RateDecks decks;
    private final Rater rater;
    private final Accounts accounts;
    private final RatingCatalog catalog;

    public CallPricing(RateDecks decks, Rater rater, Accounts accounts, RatingCatalog catalog) {
        this.decks = decks;
        this.rater = rater;
        this.accounts = accounts;
        this.catalog = catalog;
    }

    @Transactional
    public PricedCall price(RawCdr cdr) {
        Optional<AccountEntity> account = accounts.attribute(cdr);
        if (account.isEmpty()) {
            return standard(cdr, null, decks.forRating(), null, lookups);
        }
        return price(cdr, catalog.product(account.get().productId), account.get().id, lookups);
    }

    /**
     * Prices the CDRs of one batch whose accounts are known already (intake): the default deck, products, their decks
     * and the exclude list are looked up once per batch instead of through a transactional call per CDR, which cost
     * as much as the rating itself. Use it within one transaction; what changes meanwhile applies to the next batch.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Batch batch() {
        return new Batch(decks.forRating(), catalog.excludes());
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
        return price(cdr, catalog.product(product.id), accountId, lookups);
    }

    private PricedCall price(RawCdr cdr, RatingCatalog.CompiledProduct product, Long accountId, Lookups lookups) {
        if (!product.specialNumberBilling()) {
            return standard(cdr, product, lookups.deck(product.deckId()), accountId, lookups);
        }
        ChargeOptions options = product.options();
        SpecialRule rule = product.index().find(cdr.destinationNumber(), cdr.direction());
        Supplier<List<String>> explain = () -> product.ruleSet()
                .check(cdr.destinationNumber(), cdr.direction(), cdr.billsec(), options).trace();
        if (rule != null) {
            long billed = Math.max(cdr.billsec(), 0);
            Rating rating = new Rating(billed, SpecialRuleSet.charge(rule, cdr.billsec(), options), options.currency(),
                    MatchedBy.SPECIAL_RATE, rule.pattern());
            return new PricedCall(rating, accountId, product.realTime(), PricedCall.SPECIAL_RATE, rule.id(),
                    rule.pattern(), rule.billingMode().name(), new LazyTrace(explain), false);
        }
        Rating rating = new Rating(0, BigDecimal.ZERO.setScale(options.scale()), options.currency(),
                MatchedBy.NO_SPECIAL_MATCH, null);
        boolean realTime = product.realTime();
        Supplier<List<String>> trace = realTime ? () -> {
            List<String> lines = new ArrayList<>(explain.get());
            lines.add(lines.size() - 1, "Real-time product: CDR skipped (not stored)");
            return lines;
        } : explain;
        return new PricedCall(rating, accountId, realTime, PricedCall.STANDARD, null, null, null,
                new LazyTrace(trace), realTime);
    }

    private PricedCall standard(RawCdr cdr, RatingCatalog.CompiledProduct product, RateDeck deck, Long accountId,
            Lookups lookups) {
        Rating rating = rater.rate(cdr, deck);
        String excluded = null;
        if (rating.matchedBy() != MatchedBy.NOT_BILLABLE) {
            excluded = lookups.excluding(cdr.destinationNumber());
            if (excluded != null) {
                rating = new Rating(0, NOTHING, rating.currency(), MatchedBy.EXCLUDED, excluded);
            } else if (product != null && rating.matchedBy() == MatchedBy.RATE_DECK) {
                PrefixRate r = deck.match(cdr.destinationNumber()).orElseThrow();
                rating = new Rating(rating.billedSeconds(),
                        charge(rating.billedSeconds(), r, product.options().scale(), product.rounding()),
                        rating.currency(), rating.matchedBy(), rating.matchedPrefix());
            }
        }
        Rating rated = rating;
        String exclude = excluded;
        return new PricedCall(rating, accountId, product != null && product.realTime(), PricedCall.STANDARD, null,
                null, null, new LazyTrace(() -> standardTrace(cdr, deck, rated, exclude, lookups)), false);
    }

    /** The "STANDARD RATE" trace of a rating already made: the explain path, run only when the trace is read. */
    private static List<String> standardTrace(RawCdr cdr, RateDeck deck, Rating rating, String excluded,
            Lookups lookups) {
        List<String> trace = new ArrayList<>();
        trace.add("=== STANDARD RATE ===");
        trace.add("Destination: " + (cdr.destinationNumber() == null ? "" : cdr.destinationNumber()));
        trace.add("Direction: " + cdr.direction());
        if (rating.matchedBy() == MatchedBy.NOT_BILLABLE) {
            trace.add("Not billable: only answered outbound calls are charged");
        } else if (excluded != null) {
            trace.add("Global exclude: " + excluded + " - EXCLUDED");
        } else {
            trace.add("Global exclude: no match");
            Optional<PrefixRate> rate = deck.match(cdr.destinationNumber());
            if (rate.isEmpty()) {
                trace.add("Rate deck " + deck.id() + ": no prefix matches - NOT CHARGED");
            } else {
                trace.addAll(lookups.rateLines(deck, rate.get()));
                trace.add("Billed Seconds: " + rating.billedSeconds());
            }
        }
        trace.add("Charge: " + SpecialRuleSet.money(rating.charge(), deck.currency()));
        trace.add(FOOTER);
        return List.copyOf(trace);
    }

    /** The trace lines of a matched deck entry. */
    private static List<String> rateLines(RateDeck deck, PrefixRate r) {
        return List.of("Rate deck " + deck.id() + ": prefix " + r.prefix() + " - MATCH!",
                "Per Minute Rate: " + SpecialRuleSet.money(r.ratePerMinute(), deck.currency())
                        + ", Connect Fee: " + SpecialRuleSet.money(r.connectFee(), deck.currency())
                        + ", Increments: " + r.firstIncrement() + "/" + r.nextIncrement()
                        + ", Minimum: " + r.minDuration() + " s");
    }

    /** What pricing reads besides the CDR: through the transactional caches, or kept for one batch. */
    private interface Lookups {

        RateDeck deck(String deckId);

        /** The longest global exclude prefix of the destination, or null. */
        String excluding(String destination);

        List<String> rateLines(RateDeck deck, PrefixRate rate);
    }

    private final Lookups lookups = new Lookups() {

        @Override
        public RateDeck deck(String deckId) {
            return decks.deck(deckId);
        }

        @Override
        public String excluding(String destination) {
            return catalog.excluding(destination).orElse(null);
        }

        @Override
        public List<String> rateLines(RateDeck deck, PrefixRate rate) {
            return CallPricing.rateLines(deck, rate);
        }
    };

    /** Prices one batch's CDRs, see {@link #batch()}; not thread-safe, its traces may be read after the batch. */
    public final class Batch implements Lookups {

        private final RateDeck defaultDeck;
        private final PrefixTrie<String> excludes;
        private final Map<Long, RatingCatalog.CompiledProduct> products = new HashMap<>();
        private final Map<String, RateDeck> productDecks = new HashMap<>();
        /** The deck entries' trace lines, each built once per batch: entries are never shared between decks. */
        private final Map<PrefixRate, List<String>> rateLines = new IdentityHashMap<>();

        private Batch(RateDeck defaultDeck, PrefixTrie<String> excludes) {
            this.defaultDeck = defaultDeck;
            this.excludes = excludes;
        }

        /**
         * As {@link CallPricing#price(RawCdr)} prices it once attributed: with the product of the account, or with
         * no account (the default deck, whatever the CDR's tenant).
         */
        public PricedCall price(RawCdr cdr, Long productId, Long accountId) {
            if (productId == null) {
                return standard(cdr, null, defaultDeck, null, this);
            }
            return CallPricing.this.price(cdr, products.computeIfAbsent(productId, catalog::product), accountId, this);
        }

        @Override
        public RateDeck deck(String deckId) {
            return productDecks.computeIfAbsent(deckId, decks::deck);
        }

        @Override
        public String excluding(String destination) {
            return Destinations.digits(destination).flatMap(excludes::longestMatch).orElse(null);
        }

        @Override
        public synchronized List<String> rateLines(RateDeck deck, PrefixRate rate) {
            return rateLines.computeIfAbsent(rate, r -> CallPricing.rateLines(deck, r));
        }
    }

    /** {@link Rater#charge} rounded once to the product's scale and mode instead of 6 places HALF_UP. */
    static BigDecimal charge(long billedSeconds, PrefixRate rate, int scale, RoundingMode rounding) {
        return BigDecimal.valueOf(billedSeconds).multiply(rate.ratePerMinute())
                .add(rate.connectFee().multiply(SIXTY)).divide(SIXTY, scale, rounding);
    }

    /** A trace computed on first read, then kept; reads only immutable compiled data, so it is safe after the tx. */
    static final class LazyTrace extends AbstractList<String> {

        private final Supplier<List<String>> explain;
        private volatile List<String> lines;

        LazyTrace(Supplier<List<String>> explain) {
            this.explain = explain;
        }

        private List<String> lines() {
            List<String> l = lines;
            if (l == null) {
                l = List.copyOf(explain.get());
                lines = l;
            }
            return l;
        }

        @Override
        public String get(int index) {
            return lines().get(index);
        }

        @Override
        public int size() {
            return lines().size();
        }
    }
}
