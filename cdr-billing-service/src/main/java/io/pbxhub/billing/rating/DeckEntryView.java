package io.pbxhub.billing.rating;

import java.math.BigDecimal;

/** A rate deck entry as the API returns it; money as decimal strings so no client reads it as a float. */
public record DeckEntryView(Long id, String deckId, String prefix, String ratePerMinute, String connectFee,
        int firstIncrement, int nextIncrement, int minDuration) {

    static DeckEntryView of(RateDeckEntryEntity e) {
        return new DeckEntryView(e.id, e.deckId, e.prefix, money(e.ratePerMinute), money(e.connectFee),
                e.firstIncrement, e.nextIncrement, e.minDuration);
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(Rater.CHARGE_SCALE).toPlainString();
    }
}
