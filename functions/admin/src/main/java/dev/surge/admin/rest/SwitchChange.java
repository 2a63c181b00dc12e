package dev.surge.admin.rest;

import jakarta.validation.constraints.NotNull;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Turns a degrade switch on ({@code {"on": true}}) or off. */
@RegisterForReflection
public record SwitchChange(@NotNull(message = "must be true or false") Boolean on) {
}
