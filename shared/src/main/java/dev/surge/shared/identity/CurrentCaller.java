package dev.surge.shared.identity;

import jakarta.enterprise.context.RequestScoped;

/** The caller of the request being served, set by {@link CallerFilter} before the resource runs. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    public Caller get() {
        if (caller == null) {
            throw new Unauthenticated("the route resolves no caller");
        }
        return caller;
    }

    void set(Caller caller) {
        this.caller = caller;
    }
}
