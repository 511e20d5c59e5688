package io.pbxhub.billing.account;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A row of {@code account}. The balance is only ever moved by one SQL update ({@link Balances}), never here. */
@Entity
@Table(name = "account")
public class AccountEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "customer_id")
    public String customerId;

    public String name;

    @Column(name = "product_id")
    public long productId;

    @Column(updatable = false)
    public BigDecimal balance;

    @Column(name = "low_balance_threshold")
    public BigDecimal lowBalanceThreshold;

    @Column(name = "usage_alert_threshold")
    public BigDecimal usageAlertThreshold;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
}
