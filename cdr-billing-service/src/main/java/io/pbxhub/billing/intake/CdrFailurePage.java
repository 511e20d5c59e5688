package io.pbxhub.billing.intake;

import java.util.List;

/** One page of failed CDRs, newest first, with the number of failures matching the filter over all pages. */
public record CdrFailurePage(List<CdrFailureView> items, int page, int size, long total) {
}
