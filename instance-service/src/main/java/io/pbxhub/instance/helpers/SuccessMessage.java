package io.pbxhub.instance.helpers;

/** The body the 3CX API answers a removal with: {@code {"status":"success","message":"…"}}. */
public record SuccessMessage(String status, String message) {

    public static SuccessMessage of(String message) {
        return new SuccessMessage("success", message);
    }
}
