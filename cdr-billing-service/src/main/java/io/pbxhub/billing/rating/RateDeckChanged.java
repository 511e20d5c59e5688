package io.pbxhub.billing.rating;

/** Fired inside the transaction that changed a deck's entries; {@link RateDecks} reacts once it has committed. */
record RateDeckChanged(String deckId) {
}
