package dev.surge.redpacket;

import java.util.Map;

/** A packet as Redis holds it at one instant: its meta hash and every grab (user id → "seq:amount:at"). */
public record PacketSnapshot(Map<String, String> meta, Map<String, String> grabs) {
}
