package io.pbxhub.billing.product;

import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.pbxhub.billing.account.AccountEntity;
import io.pbxhub.billing.rating.RateDeckEntity;
import io.pbxhub.billing.rating.RatingInputsChanged;
import io.pbxhub.billing.special.ChargeOptions;
import io.pbxhub.common.error.ApiException;
import io.quarkus.panache.common.Sort;

/** Products: create, read, replace, remove; and the rating options of one. */
@ApplicationScoped
public class Products {

    private final Event<RatingInputsChanged> changes;
    private final EntityManager em;

    public Products(Event<RatingInputsChanged> changes, EntityManager em) {
        this.changes = changes;
        this.em = em;
    }

    @Transactional
    public ProductEntity create(ProductRequest request) {
        ProductEntity product = new ProductEntity();
        apply(product, request);
        product.persistAndFlush();
        ProductEntity.getEntityManager().refresh(product);
        return product;
    }

    @Transactional
    public ProductEntity replace(long id, ProductRequest request) {
        ProductEntity product = require(id);
        apply(product, request);
        changed(id);
        return product;
    }

    @Transactional
    public void delete(long id) {
        require(id);
        if (AccountEntity.count("productId", id) > 0) {
            throw ApiException.conflict("product " + id + " still has accounts");
        }
        ProductEntity.deleteById(id);
        changed(id);
    }

    /** Compiled copies of the product are dropped after the commit, here at once and in other replicas soon. */
    private void changed(long id) {
        RatingInputsChanged.bump(em);
        changes.fire(new RatingInputsChanged(id));
    }

    @Transactional
    public List<ProductEntity> list() {
        return ProductEntity.listAll(Sort.by("id"));
    }

    @Transactional
    public ProductEntity require(long id) {
        ProductEntity product = ProductEntity.findById(id);
        if (product == null) {
            throw ApiException.notFound("product", String.valueOf(id));
        }
        return product;
    }

    public static ChargeOptions options(ProductEntity product) {
        return new ChargeOptions(product.currency.strip(), RoundingMode.valueOf(product.roundingMode),
                product.chargeScale, ChargeOptions.MinuteProration.valueOf(product.minuteProration));
    }

    private static void apply(ProductEntity product, ProductRequest request) {
        String deckId = Objects.requireNonNullElse(request.deckId(), "default");
        if (RateDeckEntity.findById(deckId) == null) {
            throw ApiException.badRequest("deck_id: rate deck " + deckId + " does not exist");
        }
        product.name = request.name().strip();
        product.currency = request.currency();
        product.deckId = deckId;
        product.roundingMode = Objects.requireNonNullElse(request.roundingMode(), "HALF_UP");
        product.chargeScale = Objects.requireNonNullElse(request.chargeScale(), 6);
        product.minuteProration = Objects.requireNonNullElse(request.minuteProration(), "EXACT");
        product.specialNumberBilling = Boolean.TRUE.equals(request.specialNumberBilling());
        product.realTime = Boolean.TRUE.equals(request.realTime());
    }
}
