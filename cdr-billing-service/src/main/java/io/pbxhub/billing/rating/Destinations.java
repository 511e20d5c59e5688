package io.pbxhub.billing.rating;

import java.util.Optional;

/** How a dialled number becomes the digit string that prefixes are matched against. */
final class Destinations {

    private Destinations() {
    }

    /**
     * The digits of an E.164-style number: a leading {@code +} is dropped, anything else must be digits. Numbers with
     * other characters (SIP URIs, feature codes such as {@code *97}) have no digits form and so match no prefix.
     */
    static Optional<String> digits(String destination) {
        if (destination == null) {
            return Optional.empty();
        }
        String trimmed = destination.strip();
        String digits = trimmed.startsWith("+") ? trimmed.substring(1) : trimmed;
        return isDigits(digits) ? Optional.of(digits) : Optional.empty();
    }

    static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
