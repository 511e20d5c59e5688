package io.pbxhub.billing.rating;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.hibernate.exception.ConstraintViolationException;

import io.pbxhub.common.error.ApiException;

/** Reads and changes rate deck entries; every change bumps the deck revision and invalidates cached copies. */
@ApplicationScoped
public class RateDeckService {

    private final Event<RateDeckChanged> changes;

    public RateDeckService(Event<RateDeckChanged> changes) {
        this.changes = changes;
    }

    @Transactional
    public RateDeckEntryEntity addEntry(String deckId, DeckEntryRequest request) {
        requireDeck(deckId);
        if (RateDeckEntryEntity.exists(deckId, request.prefix())) {
            throw duplicate(deckId, request.prefix());
        }
        RateDeckEntryEntity entry = new RateDeckEntryEntity();
        entry.deckId = deckId;
        entry.prefix = request.prefix();
        entry.ratePerMinute = money(request.ratePerMinute());
        entry.connectFee = money(Objects.requireNonNullElse(request.connectFee(), BigDecimal.ZERO));
        entry.firstIncrement = Objects.requireNonNullElse(request.firstIncrement(), DeckEntryRequest.DEFAULT_INCREMENT);
        entry.nextIncrement = Objects.requireNonNullElse(request.nextIncrement(), DeckEntryRequest.DEFAULT_INCREMENT);
        entry.minDuration = Objects.requireNonNullElse(request.minDuration(), 0);
        try {
            entry.persistAndFlush();
        } catch (PersistenceException e) {
            if (isUniqueViolation(e)) {
                // Another request added the same prefix between our check and our insert.
                throw duplicate(deckId, request.prefix());
            }
            throw e;
        }
        RateDeckEntity.bumpRevision(deckId);
        changes.fire(new RateDeckChanged(deckId));
        return entry;
    }

    @Transactional
    public List<RateDeckEntryEntity> entries(String deckId) {
        requireDeck(deckId);
        return RateDeckEntryEntity.ofDeck(deckId);
    }

    private static void requireDeck(String deckId) {
        if (RateDeckEntity.findById(deckId) == null) {
            throw ApiException.notFound("rate deck", deckId);
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException c
                    && c.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE) {
                return true;
            }
        }
        return false;
    }

    private static ApiException duplicate(String deckId, String prefix) {
        return ApiException.conflict("rate deck " + deckId + " already has an entry for prefix " + prefix);
    }

    /** Stored with the column's 6 places; validation has already refused anything finer, so this never rounds. */
    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(Rater.CHARGE_SCALE);
    }
}
