package io.pbxhub.billing.account;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.hibernate.exception.ConstraintViolationException;

import io.pbxhub.billing.product.ProductEntity;
import io.pbxhub.common.error.ApiException;
import io.pbxhub.contracts.Direction;
import io.pbxhub.contracts.RawCdr;
import io.quarkus.panache.common.Sort;

/**
 * Accounts and the numbers they own, and the attribution of a CDR to an account.
 * <p>
 * Attribution rule: only accounts of the CDR's tenant are considered; the CDR's {@code extension} is looked up
 * first, then its {@code caller_id_number}, then (inbound calls only) its {@code destination_number}, the DID that
 * was called. The first of those that is an extension or number of an account decides. Numbers are compared with
 * spaces and a leading {@code +} removed. A CDR that belongs to no account is rated against the default deck as
 * before.
 */
@ApplicationScoped
public class Accounts {

    private final EntityManager em;

    public Accounts(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public AccountView create(AccountRequest request) {
        requireProduct(request.productId());
        AccountEntity account = new AccountEntity();
        apply(account, request);
        account.balance = Objects.requireNonNullElse(request.balance(), BigDecimal.ZERO);
        account.persistAndFlush();
        if (account.balance.signum() != 0) {
            // The ledger opens with the opening balance, so its sum is the balance from the first day.
            em.createNativeQuery("INSERT INTO balance_movement (account_id, kind, amount, balance_after, currency,"
                    + " reference) SELECT ?1, 'ADJUSTMENT', ?2, ?2, currency, 'opening-balance' FROM product"
                    + " WHERE id = ?3").setParameter(1, account.id).setParameter(2, account.balance)
                    .setParameter(3, account.productId).executeUpdate();
        }
        replaceNumbers(account, request);
        em.refresh(account);
        return view(account);
    }

    @Transactional
    public AccountView replace(long id, AccountRequest request) {
        AccountEntity account = require(id);
        requireProduct(request.productId());
        apply(account, request);
        account.flush();
        replaceNumbers(account, request);
        return view(account);
    }

    @Transactional
    public void delete(long id) {
        require(id);
        AccountEntity.deleteById(id);
    }

    @Transactional
    public AccountView get(long id) {
        return view(require(id));
    }

    @Transactional
    public List<AccountView> list(String tenantId) {
        List<AccountEntity> found = tenantId == null
                ? AccountEntity.listAll(Sort.by("id"))
                : AccountEntity.list("tenantId", Sort.by("id"), tenantId);
        return found.stream().map(this::view).toList();
    }

    @Transactional
    public AccountEntity require(long id) {
        AccountEntity account = AccountEntity.findById(id);
        if (account == null) {
            throw ApiException.notFound("account", String.valueOf(id));
        }
        return account;
    }

    /** The account a CDR belongs to, by the rule in the class comment. */
    @Transactional
    public Optional<AccountEntity> attribute(RawCdr cdr) {
        if (cdr.tenantId() == null) {
            return Optional.empty();
        }
        List<String> candidates = new ArrayList<>();
        candidates.add(cdr.extension());
        candidates.add(cdr.callerIdNumber());
        if (cdr.direction() == Direction.INBOUND) {
            candidates.add(cdr.destinationNumber());
        }
        for (String candidate : candidates) {
            String number = normalize(candidate);
            if (number.isEmpty()) {
                continue;
            }
            List<?> ids = em
                    .createNativeQuery("SELECT account_id FROM account_number WHERE tenant_id = ?1 AND number = ?2")
                    .setParameter(1, cdr.tenantId()).setParameter(2, number).getResultList();
            if (!ids.isEmpty()) {
                return Optional.ofNullable(AccountEntity.findById(((Number) ids.get(0)).longValue()));
            }
        }
        return Optional.empty();
    }

    static String normalize(String number) {
        if (number == null) {
            return "";
        }
        String n = number.replace(" ", "").strip();
        return n.startsWith("+") ? n.substring(1) : n;
    }

    private void replaceNumbers(AccountEntity account, AccountRequest request) {
        em.createNativeQuery("DELETE FROM account_number WHERE account_id = ?1").setParameter(1, account.id)
                .executeUpdate();
        Set<String> seen = new LinkedHashSet<>();
        try {
            insertNumbers(account, request.extensions(), "EXTENSION", seen);
            insertNumbers(account, request.numbers(), "NUMBER", seen);
            em.flush();
        } catch (PersistenceException e) {
            if (e instanceof ConstraintViolationException || e.getCause() instanceof ConstraintViolationException) {
                throw ApiException.conflict("an extension or number is already another account's in tenant "
                        + account.tenantId);
            }
            throw e;
        }
    }

    private void insertNumbers(AccountEntity account, List<String> numbers, String kind, Set<String> seen) {
        if (numbers == null) {
            return;
        }
        for (String raw : numbers) {
            String number = normalize(raw);
            if (!seen.add(number)) {
                throw ApiException.badRequest("extensions/numbers: " + raw + " is listed twice");
            }
            em.createNativeQuery("INSERT INTO account_number (account_id, tenant_id, number, kind) "
                    + "VALUES (?1, ?2, ?3, ?4)").setParameter(1, account.id).setParameter(2, account.tenantId)
                    .setParameter(3, number).setParameter(4, kind).executeUpdate();
        }
    }

    private AccountView view(AccountEntity a) {
        List<String> extensions = numbersOf(a.id, "EXTENSION");
        List<String> numbers = numbersOf(a.id, "NUMBER");
        return new AccountView(a.id, a.tenantId, a.customerId, a.name, a.productId, extensions, numbers,
                a.balance.toPlainString(), a.lowBalanceThreshold == null ? null : a.lowBalanceThreshold.toPlainString(),
                a.usageAlertThreshold == null ? null : a.usageAlertThreshold.toPlainString(), a.createdAt);
    }

    @SuppressWarnings("unchecked")
    private List<String> numbersOf(long accountId, String kind) {
        return em.createNativeQuery("SELECT number FROM account_number WHERE account_id = ?1 AND kind = ?2 "
                + "ORDER BY number").setParameter(1, accountId).setParameter(2, kind).getResultList();
    }

    private static void requireProduct(long productId) {
        if (ProductEntity.findById(productId) == null) {
            throw ApiException.badRequest("product_id: product " + productId + " does not exist");
        }
    }

    private static void apply(AccountEntity account, AccountRequest request) {
        account.tenantId = request.tenantId().strip();
        account.customerId = request.customerId();
        account.name = request.name().strip();
        account.productId = request.productId();
        account.lowBalanceThreshold = request.lowBalanceThreshold();
        account.usageAlertThreshold = request.usageAlertThreshold();
    }
}
