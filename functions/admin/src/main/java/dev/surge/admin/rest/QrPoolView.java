package dev.surge.admin.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.surge.admin.QrPool;

/**
 * One QR pool as the console shows it.
 *
 * @param depth codes ready to hand out
 * @param quotaUsedThisMinute upstream codes the whole fleet made this minute (the quota is fleet-wide, not per pool)
 */
@RegisterForReflection
public record QrPoolView(String pool, long depth, long quotaUsedThisMinute) {

    static QrPoolView of(QrPool pool) {
        return new QrPoolView(pool.pool(), pool.depth(), pool.quotaUsedThisMinute());
    }
}
