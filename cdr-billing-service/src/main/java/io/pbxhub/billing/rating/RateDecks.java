package io.pbxhub.billing.rating;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * The in-memory rate decks that rating reads. A deck is loaded on first use and reloaded on the next use after it
 * changed: at once for changes made through this replica (after their transaction commits), and within
 * {@code pbxhub.billing.rate-deck-refresh} for changes made through another replica, which the revision column
 * reveals. Rating never waits for the database except while a changed deck is reloaded.
 */
@ApplicationScoped
public class RateDecks {

    private static final Logger LOG = Logger.getLogger(RateDecks.class);

    private final RatingConfig config;
    private final EntityManager em;
    private final Map<String, RateDeck> loaded = new ConcurrentHashMap<>();
    private final Set<String> stale = ConcurrentHashMap.newKeySet();

    public RateDecks(RatingConfig config, EntityManager em) {
        this.config = config;
        this.em = em;
    }

    /** The deck that rates calls of this slice: one for everybody until accounts choose theirs. */
    @Transactional
    public RateDeck forRating() {
        return deck(config.defaultDeck());
    }

    /** The current copy of a deck; fails if the deck does not exist, since nothing could then be rated. */
    @Transactional
    public RateDeck deck(String deckId) {
        RateDeck deck = loaded.get(deckId);
        if (deck == null || stale.contains(deckId)) {
            deck = reload(deckId);
        }
        return deck;
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) RateDeckChanged change) {
        stale.add(change.deckId());
    }

    /** Notices changes made through other replicas: a deck whose stored revision moved is reloaded on next use. */
    @Scheduled(every = "${pbxhub.billing.rate-deck-refresh:30s}")
    @Transactional
    void checkRevisions() {
        List<Object[]> revisions = em.createQuery("select d.id, d.revision from RateDeckEntity d", Object[].class)
                .getResultList();
        Map<String, Long> stored = new HashMap<>();
        revisions.forEach(row -> stored.put((String) row[0], (Long) row[1]));
        loaded.forEach((id, deck) -> {
            Long revision = stored.get(id);
            if (revision == null || revision != deck.revision()) {
                stale.add(id);
            }
        });
    }

    private synchronized RateDeck reload(String deckId) {
        // Cleared before reading, so a change committed while we read marks the deck stale again.
        stale.remove(deckId);
        RateDeckEntity row = RateDeckEntity.findById(deckId);
        if (row == null) {
            loaded.remove(deckId);
            throw new IllegalStateException("rate deck " + deckId + " does not exist");
        }
        // A projection, not entities: a deck of 100k prefixes must not sit in the session to be dirty-checked.
        List<PrefixRate> rates = em.createQuery("select new io.pbxhub.billing.rating.PrefixRate(e.prefix,"
                + " e.ratePerMinute, e.connectFee, e.firstIncrement, e.nextIncrement, e.minDuration)"
                + " from RateDeckEntryEntity e where e.deckId = :deckId", PrefixRate.class)
                .setParameter("deckId", deckId).getResultList();
        RateDeck deck = new RateDeck(row.id, row.currency, row.revision, rates);
        loaded.put(deckId, deck);
        LOG.infof("rate deck %s loaded at revision %d with %d prefixes", deckId, deck.revision(), deck.size());
        return deck;
    }
}
