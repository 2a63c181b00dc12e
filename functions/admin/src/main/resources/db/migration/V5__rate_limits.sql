-- Per-user rate limits of a campaign's hot paths (draw, shake, QR allocation), as the JSON of the published
-- model: {"draw":{"max":5,"windowSeconds":60},"shake":null,"qr":null}. NULL when the campaign has none.
ALTER TABLE campaign ADD COLUMN rate_limits TEXT NULL AFTER limit_per_day;
