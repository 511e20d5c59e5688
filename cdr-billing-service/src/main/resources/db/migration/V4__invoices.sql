-- Invoices: issued once, never changed. The trigger refuses UPDATE and DELETE, so not even a bug can alter one.
CREATE TABLE invoice (
    id           bigserial PRIMARY KEY,
    account_id   bigint NOT NULL REFERENCES account (id),
    period_start date NOT NULL,
    period_end   date NOT NULL CHECK (period_end >= period_start),
    currency     char(3) NOT NULL,
    special_total  numeric(14, 2) NOT NULL,
    standard_total numeric(14, 2) NOT NULL,
    total        numeric(14, 2) NOT NULL,
    status       text NOT NULL DEFAULT 'ISSUED' CHECK (status = 'ISSUED'),
    issued_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE invoice_line (
    invoice_id   bigint NOT NULL REFERENCES invoice (id),
    line_no      int NOT NULL,
    kind         text NOT NULL CHECK (kind IN ('SPECIAL_RATE', 'STANDARD')),
    direction    text NOT NULL,
    pattern      text NOT NULL,
    billing_mode text NOT NULL,
    calls        bigint NOT NULL,
    seconds      bigint NOT NULL,
    amount       numeric(14, 2) NOT NULL,
    description  text NOT NULL,
    PRIMARY KEY (invoice_id, line_no)
);

CREATE FUNCTION invoice_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'issued invoices are immutable';
END $$;

CREATE TRIGGER invoice_no_change BEFORE UPDATE OR DELETE ON invoice
    FOR EACH ROW EXECUTE FUNCTION invoice_immutable();
CREATE TRIGGER invoice_line_no_change BEFORE UPDATE OR DELETE ON invoice_line
    FOR EACH ROW EXECUTE FUNCTION invoice_immutable();
