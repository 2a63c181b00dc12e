package dev.surge.shared.redis;

import java.nio.charset.StandardCharsets;

/**
 * The Redis Cluster hash slot of a key, computed as the cluster does: CRC16 (XMODEM) of the key's hash tag (the
 * text between its first <code>{</code> and the next <code>}</code>, when not empty) or else of the whole key, modulo
 * 16384. Commands pipelined together to a cluster must share one slot.
 */
public final class HashSlot {

    public static final int SLOTS = 16384;

    private HashSlot() {
    }

    public static int of(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        int from = 0;
        int to = bytes.length;
        int open = indexOf(bytes, (byte) '{', 0);
        if (open >= 0) {
            int close = indexOf(bytes, (byte) '}', open + 1);
            if (close > open + 1) {
                from = open + 1;
                to = close;
            }
        }
        return crc16(bytes, from, to) % SLOTS;
    }

    /**
     * A hash tag for the {@code index}-th of {@code count} shards of one thing: {@code tag} itself when its slot
     * already falls in the {@code index}-th of {@code count} equal slot ranges, else the first {@code tag.1},
     * {@code tag.2}, ... that does. A cluster created with {@code count} masters (or a multiple) gives each master
     * one contiguous range, so the shards land on distinct masters instead of where CRC16 happens to put them.
     */
    public static String spreadTag(String tag, int index, int count) {
        if (count <= 1) {
            return tag;
        }
        int from = index * SLOTS / count;
        int to = (index + 1) * SLOTS / count;
        for (int suffix = 0;; suffix++) {
            String candidate = suffix == 0 ? tag : tag + "." + suffix;
            int slot = of("{" + candidate + "}");
            if (slot >= from && slot < to) {
                return candidate;
            }
        }
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static int crc16(byte[] bytes, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc ^= (bytes[i] & 0xff) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            crc &= 0xffff;
        }
        return crc;
    }
}
