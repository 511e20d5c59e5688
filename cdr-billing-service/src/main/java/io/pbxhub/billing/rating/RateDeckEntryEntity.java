package io.pbxhub.billing.rating;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;

/** A row of {@code rate_deck_entry}: the price of one prefix in one deck. */
@Entity
@Table(name = "rate_deck_entry")
public class RateDeckEntryEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "deck_id")
    public String deckId;

    public String prefix;

    @Column(name = "rate_per_minute")
    public BigDecimal ratePerMinute;

    @Column(name = "connect_fee")
    public BigDecimal connectFee;

    @Column(name = "first_increment")
    public int firstIncrement;

    @Column(name = "next_increment")
    public int nextIncrement;

    @Column(name = "min_duration")
    public int minDuration;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    static List<RateDeckEntryEntity> ofDeck(String deckId) {
        return list("deckId", Sort.by("prefix"), deckId);
    }

    static boolean exists(String deckId, String prefix) {
        return count("deckId = ?1 and prefix = ?2", deckId, prefix) > 0;
    }
}
