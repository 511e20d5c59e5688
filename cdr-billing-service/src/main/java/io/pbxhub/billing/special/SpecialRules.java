package io.pbxhub.billing.special;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.pbxhub.billing.product.ProductEntity;
import io.pbxhub.billing.rating.RatingInputsChanged;
import io.pbxhub.common.error.ApiException;

/** A product's special-rate rules: list, add, replace one or all at once ("Configure Special Rates"), remove. */
@ApplicationScoped
public class SpecialRules {

    private final Event<RatingInputsChanged> changes;
    private final EntityManager em;

    public SpecialRules(Event<RatingInputsChanged> changes, EntityManager em) {
        this.changes = changes;
        this.em = em;
    }

    private static final java.util.regex.Pattern PREFIX = java.util.regex.Pattern.compile("[0-9]{1,20}\\*?");

    @Transactional
    public List<SpecialRuleEntity> list(long productId) {
        requireProduct(productId);
        return SpecialRuleEntity.ofProduct(productId);
    }

    /** The rules the rating of a product uses, in evaluation order. */
    @Transactional
    public SpecialRuleSet ruleSet(long productId) {
        return new SpecialRuleSet(SpecialRuleEntity.ofProduct(productId).stream().map(SpecialRuleEntity::toRule)
                .toList());
    }

    @Transactional
    public SpecialRuleEntity add(long productId, SpecialRuleRequest request) {
        requireProduct(productId);
        validate(request, "");
        SpecialRuleEntity rule = new SpecialRuleEntity();
        rule.productId = productId;
        apply(rule, request);
        rule.persistAndFlush();
        changed(productId);
        return rule;
    }

    /** Replaces every rule of the product in one transaction: all are valid and stored, or nothing changes. */
    @Transactional
    public List<SpecialRuleEntity> replaceAll(long productId, List<SpecialRuleRequest> requests) {
        requireProduct(productId);
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i) == null) {
                throw ApiException.badRequest("rules[" + i + "]: must not be null");
            }
            validate(requests.get(i), "rules[" + i + "].");
        }
        SpecialRuleEntity.delete("productId", productId);
        List<SpecialRuleEntity> stored = new ArrayList<>();
        for (SpecialRuleRequest request : requests) {
            SpecialRuleEntity rule = new SpecialRuleEntity();
            rule.productId = productId;
            apply(rule, request);
            rule.persist();
            stored.add(rule);
        }
        SpecialRuleEntity.flush();
        changed(productId);
        return SpecialRuleEntity.ofProduct(productId);
    }

    @Transactional
    public SpecialRuleEntity replace(long productId, long ruleId, SpecialRuleRequest request) {
        SpecialRuleEntity rule = requireRule(productId, ruleId);
        validate(request, "");
        apply(rule, request);
        changed(productId);
        return rule;
    }

    @Transactional
    public void delete(long productId, long ruleId) {
        requireRule(productId, ruleId).delete();
        changed(productId);
    }

    /** Compiled copies of the product's rules are dropped after the commit, here at once and in other replicas soon. */
    private void changed(long productId) {
        RatingInputsChanged.bump(em);
        changes.fire(new RatingInputsChanged(productId));
    }

    private static SpecialRuleEntity requireRule(long productId, long ruleId) {
        requireProduct(productId);
        SpecialRuleEntity rule = SpecialRuleEntity.findById(ruleId);
        if (rule == null || rule.productId != productId) {
            throw ApiException.notFound("special rate rule", String.valueOf(ruleId));
        }
        return rule;
    }

    private static void requireProduct(long productId) {
        if (ProductEntity.findById(productId) == null) {
            throw ApiException.notFound("product", String.valueOf(productId));
        }
    }

    private static void validate(SpecialRuleRequest request, String field) {
        String pattern = request.pattern().strip();
        if (request.patternType() == SpecialRule.PatternType.prefix) {
            if (!PREFIX.matcher(pattern).matches()) {
                throw ApiException.badRequest(field + "pattern: a prefix pattern must be 1 to 20 digits, optionally "
                        + "followed by *");
            }
        } else {
            try {
                SafeRegex.compile(pattern);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(field + "pattern: " + e.getMessage());
            }
        }
    }

    private static void apply(SpecialRuleEntity rule, SpecialRuleRequest request) {
        rule.pattern = request.pattern().strip();
        rule.patternType = request.patternType();
        rule.direction = request.direction();
        rule.billingMode = request.billingMode();
        rule.flatRate = Objects.requireNonNullElse(request.flatRate(), BigDecimal.ZERO).setScale(6);
        rule.perMinuteRate = Objects.requireNonNullElse(request.perMinuteRate(), BigDecimal.ZERO).setScale(6);
        rule.priority = Objects.requireNonNullElse(request.priority(), SpecialRule.DEFAULT_PRIORITY);
        rule.ruleName = request.ruleName();
        rule.enabled = !Boolean.FALSE.equals(request.enabled());
    }
}
