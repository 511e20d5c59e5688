package io.pbxhub.instance.tenant;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A customer of the service provider, living on one PBX instance as a FusionPBX domain. */
@Entity
@Table(name = "tenant")
public class Tenant extends PanacheEntityBase {

    @Id
    public String id;

    public String name;

    @Column(name = "domain_name")
    public String domainName;

    @Column(name = "instance_id")
    public UUID instanceId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static long countOnInstance(UUID instanceId) {
        return count("instanceId", instanceId);
    }
}
