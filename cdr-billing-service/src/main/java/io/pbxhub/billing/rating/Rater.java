package io.pbxhub.billing.rating;

import java.math.BigDecimal;
import java.math.RoundingMode;

import jakarta.enterprise.context.ApplicationScoped;

import io.pbxhub.contracts.Direction;
import io.pbxhub.contracts.RawCdr;

/**
 * Prices one call leg against a rate deck. Pure and thread-safe: the same CDR and deck always give the same rating.
 * <p>
 * Only answered OUTBOUND legs are charged. Billed seconds: {@code max(billsec, minDuration)} rounded up to the first
 * increment, then up to whole next increments (60/60 bills per started minute, 30/6 a 30 s first block then 6 s steps,
 * 1/1 per second). Charge: {@code connectFee + billedSeconds × ratePerMinute / 60}, rounded once, at the end, to 6
 * decimal places with {@link RoundingMode#HALF_UP}; 6 places because rates themselves have 6, so no sub-cent rate is
 * lost before invoices round to the currency.
 */
@ApplicationScoped
public class Rater {

    /** Scale of every charge (and of stored rates). */
    public static final int CHARGE_SCALE = 6;
    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

    private static final BigDecimal SECONDS_PER_MINUTE = BigDecimal.valueOf(60);
    private static final BigDecimal NOTHING = BigDecimal.ZERO.setScale(CHARGE_SCALE);

    public Rating rate(RawCdr cdr, RateDeck deck) {
        if (cdr.billsec() < 0) {
            throw new IllegalArgumentException("billsec must not be negative: " + cdr.billsec());
        }
        if (cdr.direction() != Direction.OUTBOUND || cdr.billsec() == 0) {
            return new Rating(0, NOTHING, deck.currency(), MatchedBy.NOT_BILLABLE, null);
        }
        return deck.match(cdr.destinationNumber())
                .map(rate -> priced(cdr.billsec(), rate, deck.currency()))
                .orElseGet(() -> new Rating(0, NOTHING, deck.currency(), MatchedBy.NO_RATE, null));
    }

    private static Rating priced(long billsec, PrefixRate rate, String currency) {
        long billed = billedSeconds(billsec, rate);
        return new Rating(billed, charge(billed, rate), currency, MatchedBy.RATE_DECK, rate.prefix());
    }

    /** Seconds to bill for {@code billsec} seconds of talk under the entry's minimum and increments. */
    public static long billedSeconds(long billsec, PrefixRate rate) {
        if (billsec <= 0) {
            return 0;
        }
        long seconds = Math.max(billsec, rate.minDuration());
        long first = rate.firstIncrement();
        if (seconds <= first) {
            return first;
        }
        long next = rate.nextIncrement();
        long blocks = (seconds - first + next - 1) / next;
        return first + blocks * next;
    }

    /** {@code connectFee + billedSeconds × ratePerMinute / 60}, one rounding, scale 6, HALF_UP. */
    public static BigDecimal charge(long billedSeconds, PrefixRate rate) {
        BigDecimal usage = BigDecimal.valueOf(billedSeconds).multiply(rate.ratePerMinute());
        return usage.add(rate.connectFee().multiply(SECONDS_PER_MINUTE))
                .divide(SECONDS_PER_MINUTE, CHARGE_SCALE, ROUNDING);
    }
}
