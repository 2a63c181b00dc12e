package dev.surge.shared.rules.kinds;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.surge.shared.model.Attribute;
import dev.surge.shared.model.RequestAttributes;

/** Only requests from the listed regions. */
@ApplicationScoped
public class RegionRule extends RequestAttributeRule {

    @Override
    public String name() {
        return "region";
    }

    @Override
    Function<RequestAttributes, Attribute<String>> attribute() {
        return RequestAttributes::region;
    }
}
