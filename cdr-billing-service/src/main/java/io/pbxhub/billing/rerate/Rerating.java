package io.pbxhub.billing.rerate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.pbxhub.billing.account.AccountEntity;
import io.pbxhub.billing.account.Accounts;
import io.pbxhub.billing.cdr.RatedCdrEntity;
import io.pbxhub.billing.cdr.RatedCdrRepository;
import io.pbxhub.billing.product.ProductEntity;
import io.pbxhub.billing.rating.CallPricing;
import io.pbxhub.billing.rating.PricedCall;
import io.pbxhub.common.error.ApiException;
import io.pbxhub.contracts.Direction;
import io.pbxhub.contracts.RawCdr;

/**
 * Prices an account's stored CDRs of a period again with the product's current rules, deck and exclude list, and
 * stores the new price where it differs. Idempotent: a second run with nothing changed in between finds no
 * differences. What it does not do: bring back CDRs a real-time product skipped (they were never stored), move
 * prepaid balances (a rerate reports the difference; crediting or debiting it is a decision for a person), or
 * change issued invoices (issue a new one). Runs in one transaction: all CDRs of the period are repriced or none.
 */
@ApplicationScoped
public class Rerating {

    private final Accounts accounts;
    private final CallPricing pricing;
    private final RatedCdrRepository cdrs;

    public Rerating(Accounts accounts, CallPricing pricing, RatedCdrRepository cdrs) {
        this.accounts = accounts;
        this.pricing = pricing;
        this.cdrs = cdrs;
    }

    @Transactional
    public RerateResult rerate(RerateRequest request) {
        if (request.periodEnd().isBefore(request.periodStart())) {
            throw ApiException.badRequest("period_end: must not be before period_start");
        }
        AccountEntity account = accounts.require(request.accountId());
        ProductEntity product = ProductEntity.findById(account.productId);
        Instant from = request.periodStart().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = request.periodEnd().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<RatedCdrEntity> stored = cdrs.list("accountId = ?1 and startTime >= ?2 and startTime < ?3 order by id",
                account.id, from, to);
        BigDecimal before = BigDecimal.ZERO;
        BigDecimal after = BigDecimal.ZERO;
        List<RerateResult.Difference> differences = new ArrayList<>();
        for (RatedCdrEntity row : stored) {
            PricedCall priced = pricing.price(raw(row), product, account.id);
            BigDecimal charge = priced.rating().charge();
            before = before.add(row.charge);
            after = after.add(charge);
            String matchedBy = priced.rating().matchedBy().name();
            if (row.charge.compareTo(charge) != 0 || !row.matchedBy.equals(matchedBy)
                    || !Objects.equals(row.matchedPrefix, priced.rating().matchedPrefix())) {
                differences.add(new RerateResult.Difference(row.cdrUuid, row.instanceId.toString(),
                        row.destinationNumber, row.charge.toPlainString(), charge.toPlainString(), row.matchedBy,
                        matchedBy, row.matchedPrefix, priced.rating().matchedPrefix()));
                row.charge = charge;
                row.currency = priced.rating().currency();
                row.billedSeconds = priced.rating().billedSeconds();
                row.matchedBy = matchedBy;
                row.matchedPrefix = priced.rating().matchedPrefix();
                row.calltype = priced.calltype();
                row.specialRuleId = priced.specialRuleId();
                row.specialPattern = priced.specialPattern();
                row.billingMode = priced.billingMode();
                row.ratingTrace = priced.traceText();
                row.ratedAt = Instant.now();
            }
        }
        return new RerateResult(account.id, request.periodStart(), request.periodEnd(), stored.size(),
                differences.size(), before.toPlainString(), after.toPlainString(),
                after.subtract(before).toPlainString(), differences);
    }

    private static RawCdr raw(RatedCdrEntity row) {
        return new RawCdr(row.cdrUuid, row.instanceId, row.tenantId,
                row.source == null ? null : RawCdr.Source.valueOf(row.source),
                row.leg == null ? null : RawCdr.Leg.valueOf(row.leg), Direction.valueOf(row.direction),
                row.callerIdName, row.callerIdNumber, row.destinationNumber, row.domain, row.extension, row.startTime,
                row.answerTime, row.endTime, row.duration, row.billsec, row.hangupCause, row.hangupCauseQ850, null,
                null, null, null);
    }
}
