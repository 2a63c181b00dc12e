package dev.surge.qr.repository;

/** What MySQL said to a binding. */
public enum Recording {
    /** The code is bound to this request, now or by an earlier attempt. */
    RECORDED,
    /** The code is bound to another request (or unknown to MySQL): this request may not have it. */
    CONFLICT,
    /** This request (user and idempotency key) is already bound to another code. */
    DUPLICATE,
    /** MySQL did not answer: the binding stays unrecorded in Redis and the settler replays it. */
    UNANSWERED
}
