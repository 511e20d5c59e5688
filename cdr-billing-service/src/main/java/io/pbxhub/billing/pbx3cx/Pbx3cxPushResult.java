package io.pbxhub.billing.pbx3cx;

import java.util.List;

/**
 * The answer to a 3CX push: how many entries were accepted (rated and stored, or deliberately not stored for a
 * real-time special-rate product), were already stored (same host and call id), or were rejected, and why each
 * rejected one was ({@code index} in the posted array, 0 for a single object).
 */
public record Pbx3cxPushResult(int accepted, int duplicate, int rejected, List<Rejection> rejections) {

    public record Rejection(int index, String callid, String reason) {
    }
}
