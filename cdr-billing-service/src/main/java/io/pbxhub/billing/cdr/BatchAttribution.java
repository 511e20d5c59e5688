package io.pbxhub.billing.cdr;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.pbxhub.contracts.Direction;
import io.pbxhub.contracts.RawCdr;

/**
 * The account of every CDR of a batch with one query, by the rule of {@code Accounts#attribute} (tenant's accounts
 * only; the extension, then the caller id number, then for inbound calls the dialled number; spaces and a leading
 * {@code +} ignored). Per-CDR attribution costs up to three queries, which alone would hold intake to a few thousand
 * CDRs per second. {@code BatchAttributionTest} checks this agrees with {@code Accounts#attribute}.
 */
@ApplicationScoped
public class BatchAttribution {

    private static final String QUERY = """
            SELECT n.tenant_id, n.number, n.account_id, a.product_id
            FROM account_number n JOIN account a ON a.id = n.account_id
            WHERE n.tenant_id = ANY (?) AND n.number = ANY (?)""";

    private final DataSource dataSource;

    public BatchAttribution(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** An account and its product. */
    public record Owner(long accountId, long productId) {
    }

    /** Per CDR, in order: its owner, or null when it belongs to no account. Runs in the caller's transaction. */
    public List<Owner> owners(List<RawCdr> cdrs) {
        Set<String> tenants = new LinkedHashSet<>();
        Set<String> numbers = new LinkedHashSet<>();
        List<List<String>> candidates = new ArrayList<>(cdrs.size());
        for (RawCdr cdr : cdrs) {
            List<String> tried = cdr.tenantId() == null ? List.of() : candidates(cdr);
            candidates.add(tried);
            if (!tried.isEmpty()) {
                tenants.add(cdr.tenantId());
                numbers.addAll(tried);
            }
        }
        // by tenant, then by number: no key string built per CDR and candidate
        Map<String, Map<String, Owner>> byTenant = numbers.isEmpty() ? Map.of() : lookup(tenants, numbers);
        List<Owner> owners = new ArrayList<>(cdrs.size());
        for (int n = 0; n < cdrs.size(); n++) {
            Owner owner = null;
            Map<String, Owner> ofTenant = cdrs.get(n).tenantId() == null ? null : byTenant.get(cdrs.get(n).tenantId());
            if (ofTenant != null) {
                for (String number : candidates.get(n)) {
                    owner = ofTenant.get(number);
                    if (owner != null) {
                        break;
                    }
                }
            }
            owners.add(owner);
        }
        return owners;
    }

    private Map<String, Map<String, Owner>> lookup(Set<String> tenants, Set<String> numbers) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(QUERY)) {
            Array tenantArray = connection.createArrayOf("text", tenants.toArray());
            Array numberArray = connection.createArrayOf("text", numbers.toArray());
            query.setArray(1, tenantArray);
            query.setArray(2, numberArray);
            Map<String, Map<String, Owner>> found = new HashMap<>();
            try (ResultSet r = query.executeQuery()) {
                while (r.next()) {
                    found.computeIfAbsent(r.getString(1), tenant -> new HashMap<>()).put(r.getString(2),
                            new Owner(r.getLong(3), r.getLong(4)));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("could not attribute CDRs to accounts: " + e.getMessage(), e);
        }
    }

    /** The numbers to try, in order, normalized; empty ones left out. */
    static List<String> candidates(RawCdr cdr) {
        List<String> candidates = new ArrayList<>(3);
        add(candidates, cdr.extension());
        add(candidates, cdr.callerIdNumber());
        if (cdr.direction() == Direction.INBOUND) {
            add(candidates, cdr.destinationNumber());
        }
        return candidates;
    }

    private static void add(List<String> candidates, String raw) {
        if (raw == null) {
            return;
        }
        String n = raw.replace(" ", "").strip();
        n = n.startsWith("+") ? n.substring(1) : n;
        if (!n.isEmpty()) {
            candidates.add(n);
        }
    }
}
