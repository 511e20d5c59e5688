package io.pbxhub.billing.rating;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A row of {@code rate_deck}. */
@Entity
@Table(name = "rate_deck")
public class RateDeckEntity extends PanacheEntityBase {

    @Id
    public String id;

    public String name;

    public String currency;

    /** Bumped in the same transaction as any entry change, so replicas can tell their copy is stale. */
    public long revision;

    /** Marks the deck changed. One SQL statement, so concurrent changes never lose a bump. */
    static void bumpRevision(String deckId) {
        update("revision = revision + 1 where id = ?1", deckId);
    }
}
