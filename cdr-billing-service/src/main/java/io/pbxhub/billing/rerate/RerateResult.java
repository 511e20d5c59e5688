package io.pbxhub.billing.rerate;

import java.time.LocalDate;
import java.util.List;

/** What a rerate changed: one difference per CDR whose price changed, and the totals before and after. */
public record RerateResult(long accountId, LocalDate periodStart, LocalDate periodEnd, long cdrsChecked,
        long cdrsChanged, String totalBefore, String totalAfter, String difference, List<Difference> differences) {

    public record Difference(String cdrUuid, String instanceId, String destinationNumber, String chargeBefore,
            String chargeAfter, String matchedByBefore, String matchedByAfter, String patternBefore,
            String patternAfter) {
    }
}
