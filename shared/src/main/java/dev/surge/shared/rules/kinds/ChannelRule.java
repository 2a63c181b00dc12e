package dev.surge.shared.rules.kinds;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.surge.shared.model.Attribute;
import dev.surge.shared.model.RequestAttributes;

/** Only requests from the listed channels (app, mini-program, h5, ...). */
@ApplicationScoped
public class ChannelRule extends RequestAttributeRule {

    @Override
    public String name() {
        return "channel";
    }

    @Override
    Function<RequestAttributes, Attribute<String>> attribute() {
        return RequestAttributes::channel;
    }
}
