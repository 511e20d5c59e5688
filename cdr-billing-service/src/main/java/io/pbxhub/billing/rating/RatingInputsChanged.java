package io.pbxhub.billing.rating;

import jakarta.persistence.EntityManager;

/**
 * A product, its special-rate rules or the global exclude list changed: fired in the changing transaction, observed
 * after it commits by {@link RatingCatalog}, which drops its compiled copies. {@link #bump} moves the shared revision
 * in the same transaction so other replicas notice too.
 */
public record RatingInputsChanged(Long productId) {

    /** Every cached product, e.g. after the global exclude list changed. */
    public static final RatingInputsChanged ALL = new RatingInputsChanged(null);

    public static void bump(EntityManager em) {
        em.createNativeQuery("UPDATE rating_revision SET revision = revision + 1 WHERE id = 1").executeUpdate();
    }
}
