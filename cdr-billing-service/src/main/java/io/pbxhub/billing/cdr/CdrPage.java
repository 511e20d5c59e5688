package io.pbxhub.billing.cdr;

import java.util.List;

/** One page of rated CDRs, newest first, with the number of CDRs matching the filter over all pages. */
public record CdrPage(List<CdrView> items, int page, int size, long total) {
}
