package io.pbxhub.billing.rating;

import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable in-memory copy of one rate deck at one revision, ready for longest-prefix matching. {@link RateDecks}
 * swaps in a new copy when the deck changes.
 */
public final class RateDeck {

    private final String id;
    private final String currency;
    private final long revision;
    private final PrefixTrie<PrefixRate> rates = new PrefixTrie<>();

    public RateDeck(String id, String currency, long revision, Collection<PrefixRate> entries) {
        this.id = Objects.requireNonNull(id, "id");
        this.currency = Objects.requireNonNull(currency, "currency").strip();
        this.revision = revision;
        entries.forEach(rate -> rates.put(rate.prefix(), rate));
    }

    public String id() {
        return id;
    }

    public String currency() {
        return currency;
    }

    public long revision() {
        return revision;
    }

    public int size() {
        return rates.size();
    }

    /** The entry with the longest prefix of the destination, after {@link Destinations#digits(String)}. */
    public Optional<PrefixRate> match(String destinationNumber) {
        return Destinations.digits(destinationNumber).flatMap(rates::longestMatch);
    }
}
