package io.pbxhub.billing.product;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A row of {@code product}. */
@Entity
@Table(name = "product")
public class ProductEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;

    public String currency;

    @Column(name = "deck_id")
    public String deckId;

    @Column(name = "rounding_mode")
    public String roundingMode;

    @Column(name = "charge_scale")
    public int chargeScale;

    @Column(name = "minute_proration")
    public String minuteProration;

    @Column(name = "special_number_billing")
    public boolean specialNumberBilling;

    @Column(name = "real_time")
    public boolean realTime;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
}
