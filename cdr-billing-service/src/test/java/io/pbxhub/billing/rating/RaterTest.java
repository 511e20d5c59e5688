package io.pbxhub.billing.rating;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.pbxhub.contracts.Direction;
import io.pbxhub.contracts.RawCdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RaterTest {

    private final Rater rater = new Rater();

    static PrefixRate rate(String prefix, String perMinute, String connectFee, int first, int next, int min) {
        return new PrefixRate(prefix, new BigDecimal(perMinute), new BigDecimal(connectFee), first, next, min);
    }

    static RateDeck deck(PrefixRate... rates) {
        return new RateDeck("test", "USD", 1, List.of(rates));
    }

    static RawCdr cdr(Direction direction, String destination, long billsec) {
        Instant start = Instant.parse("2025-03-01T10:00:00Z");
        return new RawCdr(UUID.randomUUID().toString(), UUID.randomUUID(), "acme", RawCdr.Source.ESL, RawCdr.Leg.A,
                direction, "Alice", "1001", destination, "acme.pbx.test", "1001", start,
                billsec == 0 ? null : start.plusSeconds(5), start.plusSeconds(5 + billsec), 5 + billsec, billsec,
                "NORMAL_CLEARING", 16, null, null, null, null);
    }

    @Test
    void sixtySixtyBillsEveryStartedMinute() {
        PrefixRate perMinute = rate("61", "0.10", "0", 60, 60, 0);
        assertThat(Rater.billedSeconds(1, perMinute)).isEqualTo(60);
        assertThat(Rater.billedSeconds(60, perMinute)).isEqualTo(60);
        assertThat(Rater.billedSeconds(61, perMinute)).isEqualTo(120);
        assertThat(Rater.billedSeconds(125, perMinute)).isEqualTo(180);
    }

    @Test
    void thirtySixBillsAThirtySecondBlockThenSixSecondSteps() {
        PrefixRate thirtySix = rate("61", "0.10", "0", 30, 6, 0);
        assertThat(Rater.billedSeconds(1, thirtySix)).isEqualTo(30);
        assertThat(Rater.billedSeconds(30, thirtySix)).isEqualTo(30);
        assertThat(Rater.billedSeconds(31, thirtySix)).isEqualTo(36);
        assertThat(Rater.billedSeconds(36, thirtySix)).isEqualTo(36);
        assertThat(Rater.billedSeconds(37, thirtySix)).isEqualTo(42);
        assertThat(Rater.billedSeconds(67, thirtySix)).isEqualTo(72);
    }

    @Test
    void oneOneBillsExactSeconds() {
        PrefixRate perSecond = rate("61", "0.10", "0", 1, 1, 0);
        assertThat(Rater.billedSeconds(1, perSecond)).isEqualTo(1);
        assertThat(Rater.billedSeconds(7, perSecond)).isEqualTo(7);
        assertThat(Rater.billedSeconds(3599, perSecond)).isEqualTo(3599);
    }

    @Test
    void minimumDurationRaisesShortCallsBeforeIncrementsApply() {
        PrefixRate minimum = rate("61", "0.10", "0", 1, 1, 45);
        assertThat(Rater.billedSeconds(3, minimum)).isEqualTo(45);
        assertThat(Rater.billedSeconds(50, minimum)).isEqualTo(50);
        PrefixRate minimumThenBlocks = rate("61", "0.10", "0", 30, 6, 40);
        assertThat(Rater.billedSeconds(10, minimumThenBlocks)).isEqualTo(42);
    }

    @Test
    void zeroBillsecBillsNothingWhateverTheMinimum() {
        assertThat(Rater.billedSeconds(0, rate("61", "0.10", "0.25", 60, 60, 30))).isZero();
    }

    @Test
    void chargeIsConnectFeePlusBilledMinutesTimesRateRoundedHalfUpToSixPlaces() {
        Rating rating = rater.rate(cdr(Direction.OUTBOUND, "+61299998888", 67),
                deck(rate("61", "0.05", "0.10", 30, 6, 0)));
        assertThat(rating.billedSeconds()).isEqualTo(72);
        assertThat(rating.charge()).isEqualByComparingTo("0.160000").hasToString("0.160000");
        assertThat(rating.currency()).isEqualTo("USD");
        assertThat(rating.matchedBy()).isEqualTo(MatchedBy.RATE_DECK);
        assertThat(rating.matchedPrefix()).isEqualTo("61");

        // 7 s at 0.10/min = 0.011666…: rounded once, half up, to 6 places.
        assertThat(Rater.charge(7, rate("1", "0.10", "0", 1, 1, 0))).hasToString("0.011667");
        // 3 s at 0.000010/min = 0.0000005 exactly: half up goes away from zero.
        assertThat(Rater.charge(3, rate("1", "0.00001", "0", 1, 1, 0))).hasToString("0.000001");
    }

    @Test
    void longestMatchingPrefixWins() {
        RateDeck deck = deck(rate("44", "0.02", "0", 60, 60, 0), rate("447", "0.15", "0", 60, 60, 0),
                rate("4479", "0.30", "0", 60, 60, 0), rate("4", "9.99", "0", 60, 60, 0));
        assertThat(rater.rate(cdr(Direction.OUTBOUND, "447912345678", 60), deck).matchedPrefix()).isEqualTo("4479");
        assertThat(rater.rate(cdr(Direction.OUTBOUND, "447712345678", 60), deck).matchedPrefix()).isEqualTo("447");
        Rating landline = rater.rate(cdr(Direction.OUTBOUND, "+442071234567", 60), deck);
        assertThat(landline.matchedPrefix()).isEqualTo("44");
        assertThat(landline.charge()).hasToString("0.020000");
        assertThat(rater.rate(cdr(Direction.OUTBOUND, "49301234", 60), deck).matchedPrefix()).isEqualTo("4");
    }

    @Test
    void outboundCallWithoutMatchingPrefixIsStoredAsNoRateAndFree() {
        RateDeck deck = deck(rate("61", "0.10", "0.20", 60, 60, 0));
        for (String destination : new String[]{"15551234567", "", "  ", "*97", "sip:61299998888@carrier.test",
                "++61299998888", "61 2 9999 8888", null}) {
            Rating rating = rater.rate(cdr(Direction.OUTBOUND, destination, 42), deck);
            assertThat(rating.matchedBy()).as(destination).isEqualTo(MatchedBy.NO_RATE);
            assertThat(rating.charge()).as(destination).isEqualByComparingTo("0");
            assertThat(rating.billedSeconds()).as(destination).isZero();
            assertThat(rating.matchedPrefix()).as(destination).isNull();
        }
    }

    @Test
    void unansweredInboundAndLocalLegsAreNotBillable() {
        RateDeck deck = deck(rate("61", "0.10", "0.20", 60, 60, 0), rate("1", "0.10", "0.20", 60, 60, 0));
        List<RawCdr> free = List.of(cdr(Direction.OUTBOUND, "61299998888", 0), cdr(Direction.INBOUND, "1001", 300),
                cdr(Direction.INBOUND, "61299998888", 300), cdr(Direction.LOCAL, "1002", 300));
        for (RawCdr cdr : free) {
            Rating rating = rater.rate(cdr, deck);
            assertThat(rating.matchedBy()).isEqualTo(MatchedBy.NOT_BILLABLE);
            assertThat(rating.charge()).hasToString("0.000000");
            assertThat(rating.billedSeconds()).isZero();
            assertThat(rating.currency()).isEqualTo("USD");
        }
    }

    @Test
    void negativeBillsecIsRefusedRatherThanRatedAsFree() {
        assertThatThrownBy(() -> rater.rate(cdr(Direction.OUTBOUND, "61299998888", -5),
                deck(rate("61", "0.10", "0", 60, 60, 0)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("billsec");
    }

    @Test
    void aLargeDeckStillFindsTheLongestPrefix() {
        List<PrefixRate> rates = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            rates.add(rate(String.valueOf(1_000_000 + i), "0.01", "0", 60, 60, 0));
        }
        rates.add(rate("10500001", "0.50", "0", 60, 60, 0));
        RateDeck deck = new RateDeck("big", "EUR", 7, rates);
        assertThat(deck.size()).isEqualTo(100_001);
        assertThat(deck.match("1050000123").map(PrefixRate::prefix)).contains("10500001");
        assertThat(deck.match("1050002999").map(PrefixRate::prefix)).contains("1050002");
        assertThat(deck.match("999")).isEmpty();
    }
}
