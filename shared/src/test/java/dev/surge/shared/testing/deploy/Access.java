package dev.surge.shared.testing.deploy;

/** Who may call an endpoint, and what a route in front of it must therefore demand. */
public enum Access {
    /** Anyone: no authorizer. */
    NONE,
    /** An authenticated user: the users' JWT authorizer. */
    USER,
    /** An operator: the admin JWT authorizer and the admin scope. */
    ADMIN
}
