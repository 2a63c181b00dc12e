package dev.surge.admin.rest;

import java.util.List;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the console reads once after sign-in.
 *
 * @param functions base URL of each function's API; an empty string means the console's own origin
 * @param qrPools the QR pools it shows
 */
@RegisterForReflection
public record ConsoleView(String currency, Map<String, String> functions, List<String> qrPools) {
}
