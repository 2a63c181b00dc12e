package dev.surge.shared.capacity;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * A call that outlasted its time and the extra patience it gets while this process's event loops lag: the
 * caller is answered as for any timeout, but the dependency is not blamed for it.
 */
public class LaggedTimeout extends TimeoutException {

    private static final long serialVersionUID = 1L;

    public LaggedTimeout(String message) {
        super(message);
    }
}
