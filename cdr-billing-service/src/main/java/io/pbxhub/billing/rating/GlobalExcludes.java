package io.pbxhub.billing.rating;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.pbxhub.common.error.ApiException;

/**
 * The global exclude list: destination prefixes that standard billing never charges (spec 001 "use global exclude
 * lists on standard products to filter out special prefixes"). Special-rate products do not consult it: their
 * patterns take precedence. Rating reads it from {@link RatingCatalog}, in memory.
 */
@ApplicationScoped
public class GlobalExcludes {

    private final EntityManager em;
    private final Event<RatingInputsChanged> changes;

    public GlobalExcludes(EntityManager em, Event<RatingInputsChanged> changes) {
        this.em = em;
        this.changes = changes;
    }

    @Transactional
    public List<String> list() {
        return em.createNativeQuery("SELECT prefix FROM global_exclude ORDER BY prefix", String.class).getResultList();
    }

    @Transactional
    public List<String> replace(List<String> prefixes) {
        for (String prefix : prefixes) {
            if (prefix == null || !Destinations.isDigits(prefix) || prefix.length() > 20) {
                throw ApiException.badRequest("prefixes: each must be 1 to 20 digits, got " + prefix);
            }
        }
        em.createNativeQuery("DELETE FROM global_exclude").executeUpdate();
        prefixes.stream().distinct()
                .forEach(p -> em.createNativeQuery("INSERT INTO global_exclude (prefix) VALUES (?1)")
                        .setParameter(1, p).executeUpdate());
        RatingInputsChanged.bump(em);
        changes.fire(RatingInputsChanged.ALL);
        return list();
    }
}
