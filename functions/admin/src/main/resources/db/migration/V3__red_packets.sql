-- Red packets: a packet and the shares it was split into at send time (the authority on who took what; Redis
-- holds the working queue), and the gala rain with the wins it handed out. Money is in cents, times in UTC.

-- One row per packet sent. The unique key makes a repeated send (same sender, same Idempotency-Key) find the
-- packet instead of making a second one. 'open' until the refund job closes it; 'refunded' then, with what
-- went back to the sender (0 when every share was taken), written exactly once.
CREATE TABLE red_packet (
    id               VARCHAR(32)  NOT NULL,
    sender_id        VARCHAR(128) NOT NULL,
    idempotency_key  VARCHAR(64)  NOT NULL,
    mode             VARCHAR(8)   NOT NULL,
    amount_cents     BIGINT       NOT NULL,
    share_count      INT          NOT NULL,
    greeting         VARCHAR(140) NULL,
    status           VARCHAR(10)  NOT NULL,
    refund_cents     BIGINT       NULL,
    created_at       DATETIME(3)  NOT NULL,
    expires_at       DATETIME(3)  NOT NULL,
    refunded_at      DATETIME(3)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY red_packet_once_per_request (sender_id, idempotency_key),
    KEY red_packet_due (status, expires_at),
    CONSTRAINT red_packet_mode_known CHECK (mode IN ('random', 'equal')),
    CONSTRAINT red_packet_status_known CHECK (status IN ('open', 'refunded')),
    CONSTRAINT red_packet_share_count_positive CHECK (share_count >= 1),
    CONSTRAINT red_packet_a_cent_per_share CHECK (amount_cents >= share_count),
    CONSTRAINT red_packet_expires_after_sent CHECK (expires_at > created_at),
    CONSTRAINT red_packet_refund_in_range CHECK (refund_cents IS NULL OR (refund_cents >= 0 AND refund_cents <= amount_cents)),
    CONSTRAINT red_packet_refund_iff_refunded CHECK ((status = 'open' AND refund_cents IS NULL AND refunded_at IS NULL)
        OR (status = 'refunded' AND refund_cents IS NOT NULL AND refunded_at IS NOT NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The shares of a packet, written with it in one transaction. A grab sets grabbed_by once (only where it is
-- still NULL); the unique key lets a user hold at most one share of a packet, whatever Redis says.
CREATE TABLE red_packet_share (
    packet_id     VARCHAR(32)  NOT NULL,
    seq           INT          NOT NULL,
    amount_cents  BIGINT       NOT NULL,
    grabbed_by    VARCHAR(128) NULL,
    grabbed_at    DATETIME(3)  NULL,
    PRIMARY KEY (packet_id, seq),
    UNIQUE KEY red_packet_share_once_per_user (packet_id, grabbed_by),
    CONSTRAINT red_packet_share_of_packet FOREIGN KEY (packet_id) REFERENCES red_packet (id),
    CONSTRAINT red_packet_share_seq_positive CHECK (seq >= 0),
    CONSTRAINT red_packet_share_a_cent_at_least CHECK (amount_cents >= 1),
    CONSTRAINT red_packet_share_grab_whole CHECK ((grabbed_by IS NULL AND grabbed_at IS NULL)
        OR (grabbed_by IS NOT NULL AND grabbed_at IS NOT NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A campaign's rain: packets pre-split into buckets at start and released at a fixed rate. Packet amounts
-- come from the stored seed, so the buckets can be rebuilt identically and every amount audited.
CREATE TABLE rain (
    campaign_id      BIGINT       NOT NULL,
    total_packets    INT          NOT NULL,
    min_cents        BIGINT       NOT NULL,
    max_cents        BIGINT       NOT NULL,
    total_cents      BIGINT       NOT NULL,
    rate_per_second  INT          NOT NULL,
    buckets          INT          NOT NULL,
    per_user_max     INT          NOT NULL,
    seed             BIGINT       NOT NULL,
    starts_at        DATETIME(3)  NOT NULL,
    created_at       DATETIME(3)  NOT NULL,
    PRIMARY KEY (campaign_id),
    KEY rain_by_start (starts_at),
    CONSTRAINT rain_packets_positive CHECK (total_packets >= 1),
    CONSTRAINT rain_amount_range CHECK (min_cents >= 1 AND max_cents >= min_cents),
    CONSTRAINT rain_total_in_range CHECK (total_cents >= total_packets * min_cents AND total_cents <= total_packets * max_cents),
    CONSTRAINT rain_rate_positive CHECK (rate_per_second >= 1),
    CONSTRAINT rain_buckets_in_range CHECK (buckets >= 1 AND buckets <= total_packets),
    CONSTRAINT rain_per_user_positive CHECK (per_user_max >= 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row per rain packet a shake won; the primary key makes a packet's win impossible to record twice.
CREATE TABLE rain_win (
    campaign_id   BIGINT       NOT NULL,
    seq           INT          NOT NULL,
    bucket        INT          NOT NULL,
    user_id       VARCHAR(128) NOT NULL,
    amount_cents  BIGINT       NOT NULL,
    won_at        DATETIME(3)  NOT NULL,
    PRIMARY KEY (campaign_id, seq),
    KEY rain_win_by_user (campaign_id, user_id),
    CONSTRAINT rain_win_of_rain FOREIGN KEY (campaign_id) REFERENCES rain (campaign_id),
    CONSTRAINT rain_win_seq_positive CHECK (seq >= 0),
    CONSTRAINT rain_win_bucket_positive CHECK (bucket >= 0),
    CONSTRAINT rain_win_a_cent_at_least CHECK (amount_cents >= 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
