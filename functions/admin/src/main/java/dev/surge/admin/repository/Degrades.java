package dev.surge.admin.repository;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import dev.surge.shared.model.Degrade;

/** The campaign row's {@code degrades} column: the wire names of the switches that are on, comma-separated. */
final class Degrades {

    private Degrades() {
    }

    static String wire(Set<Degrade> degrades) {
        return degrades.stream().sorted().map(Degrade::wireName).collect(Collectors.joining(","));
    }

    static Set<Degrade> parse(String column) {
        EnumSet<Degrade> on = EnumSet.noneOf(Degrade.class);
        if (column != null && !column.isBlank()) {
            for (String name : column.split(",")) {
                on.add(Degrade.fromWire(name.trim()));
            }
        }
        return on;
    }
}
