package dev.surge.qr.service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.surge.qr.Binding;
import dev.surge.qr.config.QrConfig;
import dev.surge.shared.model.Refusal;

/**
 * What a binding may hold: a page path of plain segments (no leading slash, no dots, so nothing climbs out of
 * the mini-program), a bounded number of bounded parameters, and a business type some pool serves. A request
 * that breaks any of it is refused whole, before anything is touched.
 */
@ApplicationScoped
public class BindingRules {

    private static final Pattern PAGE = Pattern.compile("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*");
    private static final Pattern PARAM_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern POOL_NAME = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern BUSINESS_TYPE = Pattern.compile("[a-z0-9_-]{1,32}");

    private final QrConfig config;
    private final Map<String, String> poolByBusinessType = new HashMap<>();

    public BindingRules(QrConfig config) {
        this.config = config;
        config.pools().forEach((pool, spec) -> {
            if (!POOL_NAME.matcher(pool).matches()) {
                throw new IllegalStateException("pool name '" + pool + "' must be 1 to 64 letters, digits or '-'");
            }
            if (spec.perUserPerDay().isPresent() && spec.perUserPerDay().getAsInt() < 1) {
                throw new IllegalStateException("per-user-per-day of pool " + pool + " must be at least 1 (leave it out"
                        + " for no cap), not " + spec.perUserPerDay().getAsInt());
            }
            if (spec.campaignId().isPresent() && spec.campaignId().getAsLong() < 1) {
                throw new IllegalStateException("campaign-id of pool " + pool + " must be a campaign's id, not "
                        + spec.campaignId().getAsLong());
            }
            for (String type : spec.businessTypes()) {
                if (!BUSINESS_TYPE.matcher(type).matches()) {
                    throw new IllegalStateException("business type '" + type + "' of pool " + pool + " is malformed");
                }
                String other = poolByBusinessType.put(type, pool);
                if (other != null) {
                    throw new IllegalStateException("business type '" + type + "' is served by both " + other + " and " + pool);
                }
            }
        });
    }

    /**
     * The binding a request asks for: {@code page} with {@code requestedParams}, for the business type
     * {@code type}; checked in that order.
     *
     * @throws Refusal {@link Refusal.Reason#INVALID} naming every rule it breaks
     */
    public Binding check(String page, Map<String, String> requestedParams, String type) {
        List<Refusal.FieldError> errors = new ArrayList<>();
        if (page == null || page.isEmpty()) {
            errors.add(new Refusal.FieldError("page", "is required"));
        } else if (page.length() > config.maxPageLength()) {
            errors.add(new Refusal.FieldError("page", "is longer than " + config.maxPageLength() + " characters"));
        } else if (!PAGE.matcher(page).matches()) {
            errors.add(new Refusal.FieldError("page",
                    "must be path segments of letters, digits, '_' or '-' joined by '/', with no leading '/'"));
        }
        Map<String, String> params = requestedParams == null ? Map.of() : requestedParams;
        if (params.size() > config.maxParams()) {
            errors.add(new Refusal.FieldError("params", "holds more than " + config.maxParams() + " parameters"));
        }
        long bytes = 0;
        for (Map.Entry<String, String> param : params.entrySet()) {
            String name = param.getKey();
            String value = param.getValue();
            String field = "params." + (name.length() > config.maxParamKeyLength()
                    ? name.substring(0,
                            config.maxParamKeyLength()) + "..."
                    : name);
            if (name.isEmpty() || name.length() > config.maxParamKeyLength() || !PARAM_NAME.matcher(name).matches()) {
                errors.add(new Refusal.FieldError(field, "names are 1 to " + config.maxParamKeyLength()
                        + " letters, digits, '_', '.' or '-'"));
            }
            if (value == null) {
                errors.add(new Refusal.FieldError(field, "must not be null"));
                continue;
            }
            if (value.length() > config.maxParamValueLength()) {
                errors.add(new Refusal.FieldError(field, "is longer than " + config.maxParamValueLength() + " characters"));
            } else if (value.chars().anyMatch(Character::isISOControl)) {
                errors.add(new Refusal.FieldError(field, "must not hold control characters"));
            }
            bytes += name.getBytes(StandardCharsets.UTF_8).length + value.getBytes(StandardCharsets.UTF_8).length;
        }
        if (bytes > config.maxParamsBytes()) {
            errors.add(new Refusal.FieldError("params", "names and values together exceed " + config.maxParamsBytes()
                    + " bytes"));
        }
        if (type == null || type.isEmpty()) {
            errors.add(new Refusal.FieldError("businessType", "is required"));
        } else if (!poolByBusinessType.containsKey(type)) {
            errors.add(new Refusal.FieldError("businessType", "is not a business type codes are kept for"));
        }
        if (!errors.isEmpty()) {
            throw Refusal.invalid("the request breaks " + errors.size() + " rule(s)", errors);
        }
        return new Binding(page, params, type);
    }

    /** The pool serving a business type that {@link #check} accepted. */
    public String poolOf(String businessType) {
        return poolByBusinessType.get(businessType);
    }

    public QrConfig.Pool pool(String pool) {
        return config.pools().get(pool);
    }
}
