-- How many Redis buckets (hash tags) a raffle's stock and draw state are spread over, so one hot raffle is not
-- held to one shard. Set with the raffle's settings and fixed once the raffle has been published: the buckets'
-- counters and pending draws live under keys named by it. Raffles made before this migration keep one bucket,
-- the campaign's own keys, as they ran until now. The upper bound is RedisKeys.MAX_DRAW_BUCKETS.
ALTER TABLE raffle ADD COLUMN stock_buckets INT NOT NULL DEFAULT 1 AFTER no_prize_weight;

ALTER TABLE raffle ADD CONSTRAINT raffle_stock_buckets_in_range CHECK (stock_buckets >= 1 AND stock_buckets <= 16);
