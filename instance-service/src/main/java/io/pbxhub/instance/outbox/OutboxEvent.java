package io.pbxhub.instance.outbox;

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

/** One topic record waiting to be relayed to Kafka (see V1 migration). */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false, unique = true)
    public UUID eventId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(name = "record_key", nullable = false)
    public String recordKey;

    @Column(nullable = false)
    public String payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    /**
     * The oldest unsent rows, locked so that another replica's relay skips them instead of sending them twice at once.
     */
    @SuppressWarnings("unchecked")
    public static List<OutboxEvent> lockUnsent(int limit) {
        return getEntityManager()
                .createNativeQuery("select * from outbox_event where sent_at is null order by id limit :limit"
                        + " for update skip locked", OutboxEvent.class)
                .setParameter("limit", limit)
                .getResultList();
    }
}
