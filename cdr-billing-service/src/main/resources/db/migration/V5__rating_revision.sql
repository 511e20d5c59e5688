-- One counter for everything a compiled rating cache is built from besides decks (which have their own revision):
-- products, their special-rate rules and the global exclude list. Every change bumps it in its own transaction, so a
-- replica that did not make the change notices it with one single-row read (pbxhub.billing.rating-cache-refresh).
CREATE TABLE rating_revision (
    id       int PRIMARY KEY CHECK (id = 1),
    revision bigint NOT NULL
);
INSERT INTO rating_revision (id, revision) VALUES (1, 0);
