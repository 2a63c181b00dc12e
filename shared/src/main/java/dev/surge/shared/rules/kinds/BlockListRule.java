package dev.surge.shared.rules.kinds;

import jakarta.enterprise.context.ApplicationScoped;

/** Users on the uploaded list are turned away. */
@ApplicationScoped
public class BlockListRule extends ListRule {

    @Override
    public String name() {
        return "block-list";
    }

    @Override
    boolean admitsMembers() {
        return false;
    }
}
