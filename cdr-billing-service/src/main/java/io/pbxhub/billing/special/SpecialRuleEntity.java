package io.pbxhub.billing.special;

import java.math.BigDecimal;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A row of {@code special_rate_rule}. */
@Entity
@Table(name = "special_rate_rule")
public class SpecialRuleEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "product_id")
    public long productId;

    public String pattern;

    @Enumerated(EnumType.STRING)
    @Column(name = "pattern_type")
    public SpecialRule.PatternType patternType;

    @Enumerated(EnumType.STRING)
    public SpecialRule.RuleDirection direction;

    @Enumerated(EnumType.STRING)
    @Column(name = "billing_mode")
    public SpecialRule.BillingMode billingMode;

    @Column(name = "flat_rate")
    public BigDecimal flatRate;

    @Column(name = "per_minute_rate")
    public BigDecimal perMinuteRate;

    public int priority;

    @Column(name = "rule_name")
    public String ruleName;

    public boolean enabled;

    public SpecialRule toRule() {
        return new SpecialRule(id, pattern, patternType, direction, billingMode, flatRate, perMinuteRate, priority,
                ruleName, enabled);
    }

    public static List<SpecialRuleEntity> ofProduct(long productId) {
        return list("productId = ?1 order by priority desc, id", productId);
    }
}
