package io.pbxhub.instance.pbx3cx;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A 3CX phone system. Passwords, the SSH key and the licence key are AES-GCM ciphertext only. */
@Entity
@Table(name = "pbx3cx_host")
public class Pbx3cxHost extends PanacheEntityBase {

    /** Taken from the identity column's sequence before the insert ({@link #nextId()}), as the code derives from it. */
    @Id
    public Long id;

    /** The host's PBX Hub instance id: its key on instance-events, and the host_id of billing's 3CX CDR push. */
    @Column(name = "instance_id")
    public UUID instanceId;

    @Version
    public long version;

    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "customer_file_id")
    public Long customerFileId;

    @Column(name = "host_name")
    public String hostName;

    public String code;

    public boolean active;

    @Column(name = "ip_address")
    public String ipAddress;

    @Column(name = "web_username")
    public String webUsername;

    @Column(name = "web_password_enc")
    public String webPasswordEncrypted;

    @Column(name = "ssh_username")
    public String sshUsername;

    @Column(name = "ssh_password_enc")
    public String sshPasswordEncrypted;

    @Column(name = "ssh_key_enc")
    public String sshKeyEncrypted;

    @Column(name = "licence_key_enc")
    public String licenceKeyEncrypted;

    @Column(name = "licence_type")
    public String licenceType;

    @Column(name = "licence_activation_date")
    public LocalDate licenceActivationDate;

    @Column(name = "licence_renewal_date")
    public LocalDate licenceRenewalDate;

    @Column(name = "sbc_aliases")
    public String sbcAliases;

    @Column(name = "backups_location")
    public String backupsLocation;

    @Column(name = "fetch_backups")
    public boolean fetchBackups;

    @Column(name = "backups_frequency")
    public int backupsFrequency;

    @Column(name = "fetch_cdr")
    public boolean fetchCdr;

    @Column(name = "cdr_frequency")
    public int cdrFrequency;

    @Column(name = "push_cdr")
    public boolean pushCdr;

    @Column(name = "fetch_recordings")
    public boolean fetchRecordings;

    @Column(name = "recordings_frequency")
    public int recordingsFrequency;

    @Column(name = "push_recordings")
    public boolean pushRecordings;

    @Column(name = "make_csv_data")
    public boolean makeCsvData;

    @Column(name = "cl_calls_is_sync")
    public boolean clCallsIsSync;

    @Column(name = "cl_participants_is_sync")
    public boolean clParticipantsIsSync;

    @Column(name = "pbx_map")
    public String pbxMap;

    public String comment;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    static long nextId() {
        return ((Number) getEntityManager().createNativeQuery("select nextval('pbx3cx_host_id_seq')")
                .getSingleResult()).longValue();
    }

    /** {@code PBX-000042}: the id, zero-padded to six digits (more digits once ids pass 999999). */
    static String codeFor(long id) {
        return String.format("PBX-%06d", id);
    }
}
