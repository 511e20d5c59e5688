package io.pbxhub.billing.product;

import java.time.Instant;

public record ProductView(long id, String name, String currency, String deckId, String roundingMode, int chargeScale,
        String minuteProration, boolean specialNumberBilling, boolean realTime, Instant createdAt) {

    static ProductView of(ProductEntity p) {
        return new ProductView(p.id, p.name, p.currency.strip(), p.deckId, p.roundingMode, p.chargeScale,
                p.minuteProration, p.specialNumberBilling, p.realTime, p.createdAt);
    }
}
