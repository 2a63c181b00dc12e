package dev.surge.shared.rules.kinds;

import jakarta.enterprise.context.ApplicationScoped;

/** Only users on the uploaded list take part. */
@ApplicationScoped
public class AllowListRule extends ListRule {

    @Override
    public String name() {
        return "allow-list";
    }

    @Override
    boolean admitsMembers() {
        return true;
    }
}
