-- The ledger of prepaid balances: every change of account.balance is one row here, written in the same transaction
-- as the change, so the sum of an account's amounts is its balance. amount is signed (+ credit, - debit);
-- balance_after is the balance right after this movement (the account row is locked while both are written).
CREATE TABLE balance_movement (
    id            bigserial PRIMARY KEY,
    account_id    bigint NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    kind          text NOT NULL CHECK (kind IN ('TOP_UP', 'DEDUCTION', 'ADJUSTMENT')),
    amount        numeric(14, 6) NOT NULL,
    balance_after numeric(14, 6) NOT NULL,
    currency      char(3) NOT NULL,
    -- The client's idempotency key of a top-up or adjustment: one movement per account and reference.
    reference     text CHECK (length(reference) BETWEEN 1 AND 200),
    -- The CDR a deduction charged: at most one deduction per CDR, whatever redelivers it.
    instance_id   uuid,
    cdr_uuid      text,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX balance_movement_reference_key ON balance_movement (account_id, reference)
    WHERE reference IS NOT NULL;
CREATE UNIQUE INDEX balance_movement_cdr_key ON balance_movement (instance_id, cdr_uuid)
    WHERE kind = 'DEDUCTION' AND cdr_uuid IS NOT NULL;
CREATE INDEX balance_movement_account_idx ON balance_movement (account_id, id);

-- Balances from before the ledger open it, so that the sum of the ledger is the balance from the start.
INSERT INTO balance_movement (account_id, kind, amount, balance_after, currency, reference)
SELECT a.id, 'ADJUSTMENT', a.balance, a.balance, p.currency, 'opening-balance'
FROM account a JOIN product p ON p.id = a.product_id
WHERE a.balance <> 0;
