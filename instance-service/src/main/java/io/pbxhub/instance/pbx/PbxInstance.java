package io.pbxhub.instance.pbx;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A FusionPBX server: its database and its FreeSWITCH Event Socket. Passwords are ciphertext only. */
@Entity
@Table(name = "pbx_instance")
public class PbxInstance extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id")
    public String tenantId;

    public String name;

    public String hostname;

    @Column(name = "pbx_type")
    public String pbxType = "FUSIONPBX";

    @Column(name = "db_type")
    public String dbType;

    @Column(name = "db_host")
    public String dbHost;

    @Column(name = "db_port")
    public Integer dbPort;

    @Column(name = "db_name")
    public String dbName;

    @Column(name = "db_username")
    public String dbUsername;

    @Column(name = "db_password_enc")
    public String dbPasswordEncrypted;

    @Column(name = "esl_host")
    public String eslHost;

    @Column(name = "esl_port")
    public Integer eslPort;

    @Column(name = "esl_password_enc")
    public String eslPasswordEncrypted;

    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
