package io.pbxhub.billing.intake;

import java.util.Locale;

import io.pbxhub.common.error.ApiException;

/** The path a CDR came in by; {@link #label()} is how the API names it. */
public enum CdrSource {
    KAFKA("kafka"),
    FUSIONPBX("fusionpbx"),
    PBX3CX("3cx");

    private final String label;

    CdrSource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static CdrSource ofLabel(String label) {
        String wanted = label.strip().toLowerCase(Locale.ROOT);
        for (CdrSource source : values()) {
            if (source.label.equals(wanted)) {
                return source;
            }
        }
        throw ApiException.badRequest("source: one of kafka, fusionpbx, 3cx");
    }
}
