-- Winner events (docs/events.md). The row that records a win is also its outbox entry: a grant, a rain win, a
-- share taken and a refund each carry when the event relay published them (NULL until then), so no win exists
-- without its event and no event without its win, and the hot paths write nothing more than before. The relay
-- finds what is left to publish through an index led by that column; for shares and refunds the second column
-- skips the rows with nothing to say (a share not taken, a packet not refunded), whose value is NULL.
-- Rows made before this migration have no event yet: the relay publishes them too, oldest first.
ALTER TABLE prize_grant
    ADD COLUMN published_at DATETIME(3) NULL,
    ADD KEY grant_unpublished (published_at, id);

ALTER TABLE rain_win
    ADD COLUMN published_at DATETIME(3) NULL,
    ADD KEY rain_win_unpublished (published_at, won_at, campaign_id, seq);

ALTER TABLE red_packet_share
    ADD COLUMN published_at DATETIME(3) NULL,
    ADD KEY share_unpublished (published_at, grabbed_at, packet_id, seq);

ALTER TABLE red_packet
    ADD COLUMN refund_published_at DATETIME(3) NULL,
    ADD KEY refund_unpublished (refund_published_at, refunded_at, id);
