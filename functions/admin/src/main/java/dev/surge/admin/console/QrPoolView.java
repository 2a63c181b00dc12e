package dev.surge.admin.console;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One QR pool as the console shows it.
 *
 * @param depth codes ready to hand out
 * @param quotaUsedThisMinute upstream codes the whole fleet made this minute (the quota is fleet-wide, not per pool)
 */
@RegisterForReflection
public record QrPoolView(String pool, long depth, long quotaUsedThisMinute) {
}
