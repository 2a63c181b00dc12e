package dev.surge.admin;

/**
 * One QR pool of the qr function, as Redis holds it.
 *
 * @param depth codes ready to hand out
 * @param quotaUsedThisMinute upstream codes the whole fleet made this minute (the quota is fleet-wide, not per pool)
 */
public record QrPool(String pool, long depth, long quotaUsedThisMinute) {
}
