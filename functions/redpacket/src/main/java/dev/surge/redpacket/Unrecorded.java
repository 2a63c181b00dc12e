package dev.surge.redpacket;

import java.util.List;

/**
 * The grabs of a packet that MySQL may not have yet.
 *
 * @param found whether Redis still knows the packet at all
 */
public record Unrecorded(boolean found, List<Grab> grabs) {
}
