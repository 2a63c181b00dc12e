-- Campaigns as operators write them. The hot path never reads these tables: publishing copies a campaign to
-- Redis as a snapshot stamped with published_version. Times are UTC, to the millisecond.

CREATE TABLE campaign (
    id                 BIGINT        NOT NULL AUTO_INCREMENT,
    name               VARCHAR(120)  NOT NULL,
    status             VARCHAR(8)    NOT NULL DEFAULT 'draft',
    starts_at          DATETIME(3)   NOT NULL,
    ends_at            DATETIME(3)   NOT NULL,
    zone               VARCHAR(64)   NOT NULL DEFAULT 'UTC',
    priority           INT           NOT NULL DEFAULT 0,
    limit_total        INT           NULL,
    limit_per_day      INT           NULL,
    -- The ordered rule chain as a JSON array of {"kind","params"}; kept as text so key order survives.
    rules              MEDIUMTEXT    NOT NULL,
    -- Version of the last publish; a snapshot in Redis carries it, and every publish takes a new one.
    published_version  BIGINT        NOT NULL DEFAULT 0,
    published_at       DATETIME(3)   NULL,
    -- Optimistic locking of edits: every change of the operator's fields or the status increments it.
    row_version        BIGINT        NOT NULL DEFAULT 0,
    created_at         DATETIME(3)   NOT NULL,
    updated_at         DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    KEY campaign_by_status (status, id),
    CONSTRAINT campaign_status_known CHECK (status IN ('draft', 'online', 'paused', 'ended')),
    CONSTRAINT campaign_window_ordered CHECK (starts_at < ends_at),
    CONSTRAINT campaign_priority_range CHECK (priority >= 0 AND priority <= 1000),
    CONSTRAINT campaign_limit_total_positive CHECK (limit_total IS NULL OR limit_total >= 1),
    CONSTRAINT campaign_limit_per_day_positive CHECK (limit_per_day IS NULL OR limit_per_day >= 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- User lists uploaded for a campaign (allow-lists, block-lists, segments). The members live in Redis only;
-- this records what was uploaded, how many, and when.
CREATE TABLE campaign_list (
    campaign_id  BIGINT       NOT NULL,
    name         VARCHAR(64)  NOT NULL,
    size         BIGINT       NOT NULL,
    uploaded_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (campaign_id, name),
    CONSTRAINT campaign_list_size_not_negative CHECK (size >= 0),
    CONSTRAINT campaign_list_of_campaign FOREIGN KEY (campaign_id) REFERENCES campaign (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
