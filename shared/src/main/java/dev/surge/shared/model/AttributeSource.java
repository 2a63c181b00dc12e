package dev.surge.shared.model;

/** Where an attribute of a request came from, and so whether a rule may give value away on it. */
public enum AttributeSource {

    /** The request body: the client's word, which nobody checks. Good for hints (channel, region) only. */
    BODY,

    /** An attribute token the order system signed for the caller, verified by the function. */
    SIGNED;

    public boolean trusted() {
        return this == SIGNED;
    }
}
