package io.pbxhub.sync.instance;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A PBX instance as announced on instance-events: what a sync needs to find its database. */
@Entity
@Table(name = "known_instance")
public class KnownInstance extends PanacheEntityBase {

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

    public long version;

    public boolean deleted;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
