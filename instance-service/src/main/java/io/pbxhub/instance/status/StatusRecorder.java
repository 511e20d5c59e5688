package io.pbxhub.instance.status;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.pbxhub.contracts.InstanceStatus;
import io.pbxhub.contracts.InstanceStatus.Reachability;
import io.pbxhub.instance.connection.ConnectionReport;
import io.pbxhub.instance.outbox.Outbox;
import io.pbxhub.instance.pbx.PbxInstance;

/**
 * Stores check results. A change of status (not every check) goes into the history and onto instance-status through
 * the outbox, so dashboards see transitions and the topic stays small.
 */
@ApplicationScoped
public class StatusRecorder {

    static final String REPORTER = "instance-service";

    private final Outbox outbox;
    private final int historySize;

    public StatusRecorder(Outbox outbox, @ConfigProperty(name = "pbxhub.monitor.history-size") int historySize) {
        this.outbox = outbox;
        this.historySize = historySize;
    }

    @Transactional
    public void record(Map<UUID, ConnectionReport> reports, Instant checkedAt) {
        reports.forEach((id, report) -> record(id, report, checkedAt));
    }

    private void record(UUID instanceId, ConnectionReport report, Instant checkedAt) {
        if (PbxInstance.findById(instanceId) == null) {
            return; // removed while it was being checked
        }
        InstanceStatusRecord current = InstanceStatusRecord.findById(instanceId);
        if (current == null) {
            current = new InstanceStatusRecord();
            current.instanceId = instanceId;
        }
        boolean changed = !report.status().name().equals(current.status);
        current.status = report.status().name();
        current.databaseResult = report.database().outcome().name();
        current.databaseReason = report.database().ok() ? null : truncate(report.database().message());
        current.eslResult = report.esl().outcome().name();
        current.eslReason = report.esl().ok() ? null : truncate(report.esl().message());
        current.checkedAt = checkedAt;
        current.persist();
        if (changed) {
            StatusChange change = new StatusChange();
            change.instanceId = instanceId;
            change.status = current.status;
            change.databaseReason = current.databaseReason;
            change.eslReason = current.eslReason;
            change.changedAt = checkedAt;
            change.persist();
            StatusChange.prune(instanceId, historySize);
            outbox.append(instanceId.toString(), new InstanceStatus(instanceId, reach(report.database().ok()),
                    reach(report.esl().ok()), reason(current), REPORTER, checkedAt));
        }
    }

    /** The live ESL state that esl-ingest-service reports; kept beside, not instead of, our own probe result. */
    @Transactional
    public void recordLiveEsl(InstanceStatus live) {
        if (PbxInstance.findById(live.instanceId()) == null) {
            return;
        }
        InstanceStatusRecord current = InstanceStatusRecord.findById(live.instanceId());
        if (current == null) {
            current = new InstanceStatusRecord();
            current.instanceId = live.instanceId();
            current.status = "UNKNOWN";
        }
        if (current.eslLiveAt != null && live.checkedAt() != null && live.checkedAt().isBefore(current.eslLiveAt)) {
            return; // an older report delivered late
        }
        current.eslLive = live.esl() == null ? null : live.esl().name();
        current.eslLiveReason = truncate(live.reason());
        current.eslLiveAt = live.checkedAt() == null ? Instant.now() : live.checkedAt();
        current.persist();
    }

    private static Reachability reach(boolean ok) {
        return ok ? Reachability.UP : Reachability.DOWN;
    }

    private static String reason(InstanceStatusRecord r) {
        if (r.databaseReason == null && r.eslReason == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        if (r.databaseReason != null) {
            sb.append("database: ").append(r.databaseReason);
        }
        if (r.eslReason != null) {
            sb.append(sb.isEmpty() ? "" : "; ").append("esl: ").append(r.eslReason);
        }
        return sb.toString();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }
}
