package io.pbxhub.instance.status;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

/** One change of an instance's status, kept in a short history. */
@Entity
@Table(name = "instance_status_history")
public class StatusChange extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "instance_id")
    public UUID instanceId;

    public String status;

    @Column(name = "database_reason")
    public String databaseReason;

    @Column(name = "esl_reason")
    public String eslReason;

    @Column(name = "changed_at")
    public Instant changedAt;

    public static List<StatusChange> latest(UUID instanceId, int limit) {
        return find("instanceId", Sort.descending("changedAt", "id"), instanceId).page(Page.ofSize(limit)).list();
    }

    /** Keeps only the newest {@code keep} changes of an instance. */
    public static void prune(UUID instanceId, int keep) {
        getEntityManager().createNativeQuery("delete from instance_status_history where instance_id = :id and id not in"
                + " (select id from instance_status_history where instance_id = :id order by changed_at desc, id desc"
                + " limit :keep)")
                .setParameter("id", instanceId)
                .setParameter("keep", keep)
                .executeUpdate();
    }
}
