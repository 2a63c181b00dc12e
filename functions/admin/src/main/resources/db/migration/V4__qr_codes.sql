-- QR allocation: every code made ahead of time (or on the spot), the authority on who holds which code.
-- A row is inserted 'pooled' before its code enters the Redis pool; allocation binds it once, guarded by
-- "WHERE request_id = ? AND status = 'pooled'", so a code is never bound twice. The unique key makes a second
-- binding for the same request (user and idempotency key) impossible. Times are UTC.

CREATE TABLE qr_code (
    request_id       VARCHAR(32)  NOT NULL,
    pool             VARCHAR(64)  NOT NULL,
    kind             VARCHAR(16)  NOT NULL,
    landing          VARCHAR(255) NOT NULL,
    image_url        VARCHAR(512) NOT NULL,
    status           VARCHAR(8)   NOT NULL,
    business_type    VARCHAR(32)  NULL,
    page             VARCHAR(128) NULL,
    params           JSON         NULL,
    user_id          VARCHAR(128) NULL,
    idempotency_key  VARCHAR(64)  NULL,
    created_at       DATETIME(3)  NOT NULL,
    bound_at         DATETIME(3)  NULL,
    PRIMARY KEY (request_id),
    UNIQUE KEY qr_bound_once_per_request (user_id, idempotency_key),
    KEY qr_by_pool (pool, status, created_at),
    CONSTRAINT qr_status_known CHECK (status IN ('pooled', 'bound')),
    CONSTRAINT qr_bound_complete CHECK (status = 'pooled'
        OR (page IS NOT NULL AND params IS NOT NULL AND user_id IS NOT NULL AND idempotency_key IS NOT NULL
            AND business_type IS NOT NULL AND bound_at IS NOT NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
