-- The raffle: prizes with their stock (the authority; Redis holds a working copy) and the grant ledger.

CREATE TABLE prize (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    campaign_id   BIGINT       NOT NULL,
    name          VARCHAR(120) NOT NULL,
    weight        BIGINT       NOT NULL,
    stock         BIGINT       NOT NULL,
    position      INT          NOT NULL,
    created_at    DATETIME(3)  NOT NULL,
    updated_at    DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    KEY prize_by_campaign (campaign_id, position),
    CONSTRAINT prize_stock_never_negative CHECK (stock >= 0),
    CONSTRAINT prize_weight_positive CHECK (weight >= 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row per draw that won in Redis: 'granted' when its transaction committed (with the unit of stock
-- taken in the same transaction), 'void' when the sweeper closed the draw before any grant could commit.
-- The unique key makes a second grant for the same request impossible.
CREATE TABLE prize_grant (
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    campaign_id      BIGINT       NOT NULL,
    user_id          VARCHAR(128) NOT NULL,
    idempotency_key  VARCHAR(64)  NOT NULL,
    draw_id          VARCHAR(40)  NOT NULL,
    prize_id         BIGINT       NOT NULL,
    status           VARCHAR(8)   NOT NULL,
    pick             BIGINT       NOT NULL,
    weight_total     BIGINT       NOT NULL,
    created_at       DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY grant_once_per_request (campaign_id, user_id, idempotency_key),
    KEY grant_by_prize (prize_id, status),
    CONSTRAINT grant_status_known CHECK (status IN ('granted', 'void'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The interception ratio and no-prize weight of a campaign's raffle; absent for campaigns without one.
CREATE TABLE raffle (
    campaign_id       BIGINT        NOT NULL,
    intercept_ratio   DECIMAL(7, 6) NOT NULL,
    no_prize_weight   BIGINT        NOT NULL,
    updated_at        DATETIME(3)   NOT NULL,
    PRIMARY KEY (campaign_id),
    CONSTRAINT raffle_ratio_in_range CHECK (intercept_ratio >= 0 AND intercept_ratio <= 1),
    CONSTRAINT raffle_no_prize_weight CHECK (no_prize_weight >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
