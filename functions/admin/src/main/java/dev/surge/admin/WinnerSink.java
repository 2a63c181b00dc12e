package dev.surge.admin;

import java.io.IOException;

/** Takes each winner of an export as it is read. */
public interface WinnerSink {

    void accept(Winner winner) throws IOException;
}
