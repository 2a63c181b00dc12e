package dev.surge.shared.rules;

import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** Typed reads of a rule's parameters, failing with a message that names the rule and the field. */
public final class Params {

    private static final Pattern LIST_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final int MAX_VALUES = 1_000;

    private final String kind;
    private final JsonNode node;

    public Params(String kind, JsonNode node) {
        this.kind = kind;
        this.node = node;
        if (!node.isObject()) {
            throw invalid("parameters must be an object");
        }
    }

    public Optional<String> text(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw invalid("'" + field + "' must be a non-empty string");
        }
        return Optional.of(value.asText().trim());
    }

    public String requiredText(String field) {
        return text(field).orElseThrow(() -> invalid("'" + field + "' is required"));
    }

    /** A list name as uploaded through the admin API. */
    public String listName(String field) {
        return checkedListName(requiredText(field), field);
    }

    public Optional<Instant> instant(String field) {
        return text(field).map(t -> {
            try {
                return Instant.parse(t);
            } catch (DateTimeParseException e) {
                throw invalid("'" + field + "' must be an ISO-8601 instant such as 2026-01-01T00:00:00Z");
            }
        });
    }

    public Optional<LocalTime> timeOfDay(String field) {
        return text(field).map(t -> {
            try {
                return LocalTime.parse(t);
            } catch (DateTimeParseException e) {
                throw invalid("'" + field + "' must be a time of day such as 09:30");
            }
        });
    }

    public Optional<Long> positiveLong(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.canConvertToExactIntegral() || value.asLong() < 1) {
            throw invalid("'" + field + "' must be a whole number of at least 1");
        }
        return Optional.of(value.asLong());
    }

    /** A non-empty array of distinct non-blank strings; empty when the field is absent. */
    public Set<String> texts(String field) {
        JsonNode value = node.get(field);
        Set<String> out = new LinkedHashSet<>();
        if (value == null || value.isNull()) {
            return out;
        }
        if (!value.isArray() || value.isEmpty() || value.size() > MAX_VALUES) {
            throw invalid("'" + field + "' must be an array of 1 to " + MAX_VALUES + " strings");
        }
        for (JsonNode item : value) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw invalid("'" + field + "' must hold non-empty strings only");
            }
            out.add(item.asText().trim());
        }
        return out;
    }

    public Set<String> requiredTexts(String field) {
        Set<String> values = texts(field);
        if (values.isEmpty()) {
            throw invalid("'" + field + "' is required");
        }
        return values;
    }

    public Set<String> listNames(String field) {
        Set<String> names = requiredTexts(field);
        names.forEach(n -> checkedListName(n, field));
        return names;
    }

    public InvalidRule invalid(String message) {
        return new InvalidRule(kind + ": " + message);
    }

    private String checkedListName(String name, String field) {
        if (!LIST_NAME.matcher(name).matches()) {
            throw invalid("'" + field + "' must name a list: lower-case letters, digits, '-' or '_', at most 64");
        }
        return name;
    }

    public static boolean isListName(String name) {
        return name != null && LIST_NAME.matcher(name).matches();
    }
}
