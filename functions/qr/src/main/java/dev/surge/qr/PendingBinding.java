package dev.surge.qr;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A binding as the allocation script keeps it until MySQL has it: everything the settler needs to replay it
 * there if the instance that made it dies first.
 *
 * @param boundAtMillis when it was bound, by the application clock
 */
@RegisterForReflection
public record PendingBinding(String userId, String idempotencyKey, Binding binding, long boundAtMillis) {
}
