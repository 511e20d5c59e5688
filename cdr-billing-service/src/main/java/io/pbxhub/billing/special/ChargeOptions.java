package io.pbxhub.billing.special;

import java.math.RoundingMode;

/**
 * A product's rating options: the currency, how a charge is rounded (once, at the end, to {@code scale} places with
 * {@code rounding}), and how per-minute rates count seconds: {@link MinuteProration#EXACT} bills billsec/60 minutes
 * (61 s = 1.0166… min), {@link MinuteProration#CEIL} bills every started minute (61 s = 2 min).
 */
public record ChargeOptions(String currency, RoundingMode rounding, int scale, MinuteProration proration) {

    public static final ChargeOptions DEFAULT = new ChargeOptions("USD", RoundingMode.HALF_UP, 6,
            MinuteProration.EXACT);

    public enum MinuteProration {
        EXACT,
        CEIL
    }
}
