package io.pbxhub.instance.pbx3cx;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A 3CX host as the API shows it: every setting, and for each secret only whether it is set. */
public record Pbx3cxHostView(
        long id,
        UUID instanceId,
        String tenantId,
        Long customerFileId,
        String hostName,
        String code,
        boolean active,
        String ipAddress,
        String webUsername,
        boolean webPasswordSet,
        String sshUsername,
        boolean sshPasswordSet,
        boolean sshKeySet,
        boolean licenceKeySet,
        String licenceType,
        LocalDate licenceActivationDate,
        LocalDate licenceRenewalDate,
        String sbcAliases,
        String backupsLocation,
        boolean fetchBackups,
        int backupsFrequency,
        boolean fetchCdr,
        int cdrFrequency,
        boolean pushCdr,
        boolean fetchRecordings,
        int recordingsFrequency,
        boolean pushRecordings,
        boolean makeCsvData,
        boolean clCallsIsSync,
        boolean clParticipantsIsSync,
        String pbxMap,
        String comment,
        Instant createdAt,
        Instant updatedAt) {

    static Pbx3cxHostView of(Pbx3cxHost h) {
        return new Pbx3cxHostView(h.id, h.instanceId, h.tenantId, h.customerFileId, h.hostName, h.code, h.active,
                h.ipAddress,
                h.webUsername, h.webPasswordEncrypted != null, h.sshUsername, h.sshPasswordEncrypted != null,
                h.sshKeyEncrypted != null, h.licenceKeyEncrypted != null, h.licenceType, h.licenceActivationDate,
                h.licenceRenewalDate, h.sbcAliases, h.backupsLocation, h.fetchBackups, h.backupsFrequency, h.fetchCdr,
                h.cdrFrequency, h.pushCdr, h.fetchRecordings, h.recordingsFrequency, h.pushRecordings, h.makeCsvData,
                h.clCallsIsSync, h.clParticipantsIsSync, h.pbxMap, h.comment, h.createdAt, h.updatedAt);
    }
}
