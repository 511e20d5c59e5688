package io.pbxhub.instance.pbx3cx;

import java.time.LocalDate;
import java.util.Set;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A 3CX host as a client sends it. Null means "the default" for the fields that have one. For the four secrets, null
 * (or leaving them out) keeps the stored value and an empty string clears it; {@code code} and the timestamps are
 * the server's and ignored if sent.
 */
public record Pbx3cxHostRequest(
        @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "letters, digits, '.', '_' or '-' only") String tenantId,
        @Positive Long customerFileId,
        @NotBlank @Size(max = 253) @Pattern(regexp = HostNames.PATTERN, message = HostNames.MESSAGE) String hostName,
        Boolean active,
        @IpAddress String ipAddress,
        @Size(max = 255) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters") String webUsername,
        @Size(max = 255) String webPassword,
        @Size(max = 64) @Pattern(regexp = "[A-Za-z_][A-Za-z0-9._-]*", message = "must be a Unix user name") String sshUsername,
        @Size(max = 255) String sshPassword,
        @Size(max = 16384) String sshKey,
        @Size(max = 255) String licenceKey,
        @Size(max = 64) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters") String licenceType,
        LocalDate licenceActivationDate,
        LocalDate licenceRenewalDate,
        @Size(max = 2048) String sbcAliases,
        @Size(max = 1024) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters") String backupsLocation,
        Boolean fetchBackups,
        @Min(1) @Max(Pbx3cxHostRequest.MAX_FREQUENCY) Integer backupsFrequency,
        Boolean fetchCdr,
        @Min(1) @Max(Pbx3cxHostRequest.MAX_FREQUENCY) Integer cdrFrequency,
        Boolean pushCdr,
        Boolean fetchRecordings,
        @Min(1) @Max(Pbx3cxHostRequest.MAX_FREQUENCY) Integer recordingsFrequency,
        Boolean pushRecordings,
        Boolean makeCsvData,
        Boolean clCallsIsSync,
        Boolean clParticipantsIsSync,
        JsonNode pbxMap,
        @Size(max = 65535) String comment) {

    /** A year, in minutes. */
    static final int MAX_FREQUENCY = 525600;

    /** Taken exactly as sent (not trimmed, "" kept): an empty string is how a client clears a secret. */
    static final Set<String> SECRETS = Set.of("web_password", "ssh_password", "ssh_key", "licence_key");

    /** The stored host as a request without its secrets, for laying an edit over. */
    static Pbx3cxHostRequest of(Pbx3cxHost h) {
        return new Pbx3cxHostRequest(h.tenantId, h.customerFileId, h.hostName, h.active, h.ipAddress, h.webUsername,
                null, h.sshUsername, null, null, null, h.licenceType, h.licenceActivationDate, h.licenceRenewalDate,
                h.sbcAliases, h.backupsLocation, h.fetchBackups, h.backupsFrequency, h.fetchCdr, h.cdrFrequency,
                h.pushCdr, h.fetchRecordings, h.recordingsFrequency, h.pushRecordings, h.makeCsvData,
                h.clCallsIsSync, h.clParticipantsIsSync, h.pbxMap == null ? null : TextNode.valueOf(h.pbxMap),
                h.comment);
    }
}
