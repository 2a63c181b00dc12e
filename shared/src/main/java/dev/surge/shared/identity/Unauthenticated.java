package dev.surge.shared.identity;

import dev.surge.shared.problem.ProblemException;

/** No verified caller: answered 401. */
public class Unauthenticated extends ProblemException {

    public Unauthenticated(String detail) {
        super(401, "Unauthenticated", detail);
    }
}
