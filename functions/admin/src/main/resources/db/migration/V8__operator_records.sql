-- Operator records. The audit log keeps whole before/after documents as JSON (a campaign's fields with its rule
-- chain run past VARCHAR(1024)). The winners' export reads a campaign's grants in id order, and a user's own
-- prizes are read by user, newest first, through indexes of their own. Depends only on V2, V3 and V6, which made
-- these tables.
ALTER TABLE admin_audit
    MODIFY before_value MEDIUMTEXT NULL,
    MODIFY after_value MEDIUMTEXT NULL;

ALTER TABLE prize_grant
    ADD KEY grant_by_campaign (campaign_id, status, id),
    ADD KEY grant_by_winner (user_id, created_at, id);

ALTER TABLE rain_win
    ADD KEY rain_win_by_winner (user_id, won_at, campaign_id, seq);

ALTER TABLE red_packet_share
    ADD KEY share_by_taker (grabbed_by, grabbed_at, packet_id, seq);
