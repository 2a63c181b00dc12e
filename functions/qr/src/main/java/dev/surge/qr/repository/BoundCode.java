package dev.surge.qr.repository;

import dev.surge.qr.Binding;

/** A bound code as MySQL holds it. */
public record BoundCode(String requestId, String imageUrl, Binding binding) {
}
