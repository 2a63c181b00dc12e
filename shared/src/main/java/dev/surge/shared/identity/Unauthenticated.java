package dev.surge.shared.identity;

import dev.surge.shared.model.Refusal;

/** No verified caller: answered 401. */
public class Unauthenticated extends Refusal {

    public Unauthenticated(String detail) {
        super(Reason.UNAUTHENTICATED, "Unauthenticated", detail);
    }
}
