package dev.surge.qr.repository;

import java.time.Instant;

import dev.surge.qr.CodeKind;

/** A code just made, before it enters its pool. */
public record NewCode(String requestId, String pool, CodeKind kind, String landing, String imageUrl, Instant createdAt) {
}
