package io.pbxhub.billing.instance;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A PBX instance as billing knows it from {@code instance-events}. */
@Entity
@Table(name = "billing_instance")
public class BillingInstance extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id")
    public String tenantId;

    public String name;

    @Column(name = "pbx_type")
    public String pbxType;

    @Column(name = "db_type")
    public String dbType;

    @Column(name = "db_host")
    public String dbHost;

    @Column(name = "db_port")
    public Integer dbPort;

    @Column(name = "db_name")
    public String dbName;

    public boolean enabled;

    public long version;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
