-- The PBX instances billing knows, kept from instance-events (never a secret: credentials are fetched when needed).
CREATE TABLE billing_instance (
    id         uuid PRIMARY KEY,
    tenant_id  text,
    name       text,
    pbx_type   text NOT NULL,
    db_type    text,
    db_host    text,
    db_port    int,
    db_name    text,
    -- false once the instance is deleted; the row stays so its import state is kept.
    enabled    boolean NOT NULL DEFAULT true,
    version    bigint NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Where the v_xml_cdr import of an instance stands. insert_date_watermark is the newest v_xml_cdr.insert_date imported;
-- each run starts an overlap window before it (see FusionPbxImport), the natural key drops what was seen already.
CREATE TABLE fusionpbx_import_state (
    instance_id           uuid PRIMARY KEY,
    insert_date_watermark timestamptz,
    last_success_at       timestamptz,
    last_error_at         timestamptz,
    last_error            text,
    imported              bigint NOT NULL DEFAULT 0
);

-- A FusionPBX row or 3CX entry refused again (the import re-reads its overlap window; a client re-posts) is recorded
-- once: per path, instance and CDR key.
CREATE UNIQUE INDEX cdr_failure_path_key ON cdr_failure (source, instance_id, cdr_key)
    WHERE topic IS NULL AND instance_id IS NOT NULL AND cdr_key IS NOT NULL;
