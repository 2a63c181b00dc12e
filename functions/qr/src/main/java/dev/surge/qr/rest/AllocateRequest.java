package dev.surge.qr.rest;

import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a caller wants a code to open. Checked against the configured limits before anything is touched.
 *
 * @param page the page path to open, such as {@code pages/goods/detail}
 * @param params its parameters (names and values are strings)
 * @param businessType what the code is for; it picks the pool
 */
@RegisterForReflection
public record AllocateRequest(String page, Map<String, String> params, String businessType) {
}
