-- Rate decks: prices per destination prefix that outbound legs are rated against. The product and tariff model of a
-- later issue points accounts at a deck; until then every call is rated against pbxhub.billing.default-deck.
CREATE TABLE rate_deck (
    id       text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
    name     text NOT NULL,
    currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    -- Bumped with every change to the deck's entries, so each replica can tell its in-memory copy is stale.
    revision bigint NOT NULL DEFAULT 0
);

-- Nothing in the requirements names a currency: USD is an assumption of this seed. Change the row, not the code.
INSERT INTO rate_deck (id, name, currency) VALUES ('default', 'Default rate deck', 'USD');

CREATE TABLE rate_deck_entry (
    id              bigserial PRIMARY KEY,
    deck_id         text NOT NULL REFERENCES rate_deck (id),
    prefix          varchar(20) NOT NULL CHECK (prefix ~ '^[0-9]{1,20}$'),
    rate_per_minute numeric(12, 6) NOT NULL CHECK (rate_per_minute >= 0),
    connect_fee     numeric(12, 6) NOT NULL DEFAULT 0 CHECK (connect_fee >= 0),
    first_increment int NOT NULL DEFAULT 60 CHECK (first_increment BETWEEN 1 AND 3600),
    next_increment  int NOT NULL DEFAULT 60 CHECK (next_increment BETWEEN 1 AND 3600),
    min_duration    int NOT NULL DEFAULT 0 CHECK (min_duration >= 0),
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT rate_deck_entry_deck_prefix_key UNIQUE (deck_id, prefix)
);
