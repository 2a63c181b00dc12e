package dev.surge.qr.rest;

import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.surge.qr.Binding;

/** What a scanned code opens. */
@RegisterForReflection
public record ResolvedCode(String requestId, String page, Map<String, String> params, String businessType) {

    static ResolvedCode of(String requestId, Binding binding) {
        return new ResolvedCode(requestId, binding.page(), binding.params(), binding.businessType());
    }
}
