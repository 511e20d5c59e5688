package io.pbxhub.billing.rating;

import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.pbxhub.billing.product.ProductEntity;
import io.pbxhub.billing.product.Products;
import io.pbxhub.billing.special.ChargeOptions;
import io.pbxhub.billing.special.SpecialRuleEntity;
import io.pbxhub.billing.special.SpecialRuleIndex;
import io.pbxhub.billing.special.SpecialRuleSet;
import io.quarkus.scheduler.Scheduled;

/**
 * This replica's compiled rating inputs, so rating reads no product, rule or exclude from the database per CDR: per
 * product its options and its special rules (the {@link SpecialRuleIndex} for rating, the {@link SpecialRuleSet} for
 * the trace), and the global exclude list as a prefix trie. Decks have their own cache ({@link RateDecks}).
 * <p>
 * Invalidation: a change made through this replica fires {@link RatingInputsChanged}; after its commit the affected
 * entries are dropped and recompiled on next use. A change made through another replica is noticed by
 * {@link #checkRevision()}, which reads the one-row {@code rating_revision} every
 * {@code pbxhub.billing.rating-cache-refresh} (default 5 s) and drops everything when it moved. A version check, not
 * a Kafka topic: it needs no extra topic or consumer group per replica, it also catches changes made by SQL, and rule
 * changes are rare enough that dropping every compiled product on one is free.
 */
@ApplicationScoped
public class RatingCatalog {

    private static final Logger LOG = Logger.getLogger(RatingCatalog.class);

    private final EntityManager em;
    private final Map<Long, CompiledProduct> products = new ConcurrentHashMap<>();
    private volatile PrefixTrie<String> excludes;
    /** Moved by every invalidation; a compile that saw it move while it read keeps its result out of the cache. */
    private final AtomicLong generation = new AtomicLong();
    private volatile long revision = -1;

    public RatingCatalog(EntityManager em) {
        this.em = em;
    }

    /** A product ready to rate with; loaded and compiled on first use after a change. */
    @Transactional
    public CompiledProduct product(long productId) {
        CompiledProduct compiled = products.get(productId);
        if (compiled != null) {
            return compiled;
        }
        long seen = generation.get();
        ProductEntity row = ProductEntity.findById(productId);
        if (row == null) {
            throw new IllegalStateException("product " + productId + " does not exist");
        }
        compiled = compile(row);
        if (generation.get() == seen) {
            products.put(productId, compiled);
        }
        return compiled;
    }

    /** The longest global exclude prefix of the destination, if any; from memory. */
    @Transactional
    public Optional<String> excluding(String destination) {
        PrefixTrie<String> search = excludes();
        return Destinations.digits(destination).flatMap(search::longestMatch);
    }

    /** The global exclude list as a trie, loaded on first use after a change; never changed once returned. */
    @Transactional
    public PrefixTrie<String> excludes() {
        PrefixTrie<String> trie = excludes;
        if (trie == null) {
            long seen = generation.get();
            trie = new PrefixTrie<>();
            for (Object prefix : em.createNativeQuery("SELECT prefix FROM global_exclude").getResultList()) {
                trie.put((String) prefix, (String) prefix);
            }
            if (generation.get() == seen) {
                excludes = trie;
            }
        }
        return trie;
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) RatingInputsChanged change) {
        invalidate(change.productId());
    }

    /** Notices changes made through other replicas: the shared revision moved, so everything is recompiled. */
    @Scheduled(every = "${pbxhub.billing.rating-cache-refresh:5s}")
    @Transactional
    void checkRevision() {
        long stored = ((Number) em.createNativeQuery("SELECT revision FROM rating_revision WHERE id = 1")
                .getSingleResult()).longValue();
        if (stored != revision) {
            if (revision >= 0) {
                LOG.infof("rating revision moved from %d to %d: compiled products and excludes dropped", revision,
                        stored);
            }
            revision = stored;
            invalidate(null);
        }
    }

    private void invalidate(Long productId) {
        generation.incrementAndGet();
        if (productId == null) {
            products.clear();
            excludes = null;
        } else {
            products.remove(productId);
        }
    }

    private static CompiledProduct compile(ProductEntity row) {
        List<io.pbxhub.billing.special.SpecialRule> rules = SpecialRuleEntity.ofProduct(row.id).stream()
                .map(SpecialRuleEntity::toRule).toList();
        return new CompiledProduct(row.id, row.deckId, row.specialNumberBilling, row.realTime, Products.options(row),
                RoundingMode.valueOf(row.roundingMode), new SpecialRuleSet(rules), new SpecialRuleIndex(rules));
    }

    /** What rating needs of a product, immutable: safe to share between threads and to keep after the transaction. */
    public record CompiledProduct(long id, String deckId, boolean specialNumberBilling, boolean realTime,
            ChargeOptions options, RoundingMode rounding, SpecialRuleSet ruleSet, SpecialRuleIndex index) {
    }
}
