package io.pbxhub.instance.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One change to an audited record: who did what, with the values before and after (as JSON, without secrets). */
@Entity
@Table(name = "pbx3cx_audit")
public class Audit extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "auditable_type")
    public String auditableType;

    @Column(name = "auditable_id")
    public String auditableId;

    public String event;

    public String actor;

    @Column(name = "old_values")
    public String oldValues;

    @Column(name = "new_values")
    public String newValues;

    public String comment;

    @Column(name = "created_at")
    public Instant createdAt;
}
