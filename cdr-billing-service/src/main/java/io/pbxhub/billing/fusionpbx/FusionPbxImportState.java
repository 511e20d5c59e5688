package io.pbxhub.billing.fusionpbx;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Where the v_xml_cdr import of one instance stands. */
@Entity
@Table(name = "fusionpbx_import_state")
public class FusionPbxImportState extends PanacheEntityBase {

    @Id
    @Column(name = "instance_id")
    public UUID instanceId;

    /** The newest {@code insert_date} imported; null before the first row. */
    @Column(name = "insert_date_watermark")
    public Instant insertDateWatermark;

    @Column(name = "last_success_at")
    public Instant lastSuccessAt;

    @Column(name = "last_error_at")
    public Instant lastErrorAt;

    @Column(name = "last_error")
    public String lastError;

    public long imported;
}
