package dev.surge.qr.rest;

import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What a scanned code opens. */
@RegisterForReflection
public record ResolvedCode(String requestId, String page, Map<String, String> params, String businessType) {
}
