-- Products: how the calls of the accounts on them are priced. rounding_mode/charge_scale round every charge once, at
-- the end; minute_proration says how per-minute special rates count seconds (EXACT: billsec/60, CEIL: started
-- minutes).
CREATE TABLE product (
    id                     bigserial PRIMARY KEY,
    name                   text NOT NULL,
    currency               char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    deck_id                text NOT NULL REFERENCES rate_deck (id),
    rounding_mode          text NOT NULL DEFAULT 'HALF_UP'
        CHECK (rounding_mode IN ('HALF_UP', 'HALF_EVEN', 'UP', 'DOWN', 'CEILING', 'FLOOR')),
    charge_scale           int NOT NULL DEFAULT 6 CHECK (charge_scale BETWEEN 0 AND 6),
    minute_proration       text NOT NULL DEFAULT 'EXACT' CHECK (minute_proration IN ('EXACT', 'CEIL')),
    special_number_billing boolean NOT NULL DEFAULT false,
    real_time              boolean NOT NULL DEFAULT false,
    created_at             timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE account (
    id                    bigserial PRIMARY KEY,
    tenant_id             text NOT NULL,
    customer_id           text,
    name                  text NOT NULL,
    product_id            bigint NOT NULL REFERENCES product (id),
    -- Prepaid credit, only moved for products with real_time; may go below zero since a finished call is owed.
    balance               numeric(14, 6) NOT NULL DEFAULT 0,
    low_balance_threshold numeric(14, 6),
    created_at            timestamptz NOT NULL DEFAULT now()
);

-- The extensions and numbers of an account. One number belongs to one account within a tenant.
CREATE TABLE account_number (
    account_id bigint NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    tenant_id  text NOT NULL,
    number     text NOT NULL,
    kind       text NOT NULL CHECK (kind IN ('EXTENSION', 'NUMBER')),
    PRIMARY KEY (tenant_id, number)
);
CREATE INDEX account_number_account_idx ON account_number (account_id);

CREATE TABLE special_rate_rule (
    id              bigserial PRIMARY KEY,
    product_id      bigint NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    pattern         text NOT NULL CHECK (length(pattern) BETWEEN 1 AND 200),
    pattern_type    text NOT NULL CHECK (pattern_type IN ('prefix', 'regex')),
    direction       text NOT NULL CHECK (direction IN ('inbound', 'outbound', 'both')),
    billing_mode    text NOT NULL CHECK (billing_mode IN ('flat_per_call', 'per_minute', 'hybrid')),
    flat_rate       numeric(12, 6) NOT NULL DEFAULT 0 CHECK (flat_rate >= 0),
    per_minute_rate numeric(12, 6) NOT NULL DEFAULT 0 CHECK (per_minute_rate >= 0),
    priority        int NOT NULL DEFAULT 10,
    rule_name       text,
    enabled         boolean NOT NULL DEFAULT true
);
CREATE INDEX special_rate_rule_product_idx ON special_rate_rule (product_id);

-- Destination prefixes that standard billing never charges (special rules on a special-rate product ignore it).
CREATE TABLE global_exclude (
    prefix varchar(20) PRIMARY KEY CHECK (prefix ~ '^[0-9]{1,20}$')
);

ALTER TABLE rated_cdr
    ADD COLUMN account_id      bigint,
    ADD COLUMN calltype        text,
    ADD COLUMN special_rule_id bigint,
    ADD COLUMN special_pattern text,
    ADD COLUMN billing_mode    text,
    ADD COLUMN rating_trace    text;
CREATE INDEX rated_cdr_account_idx ON rated_cdr (account_id, start_time);
