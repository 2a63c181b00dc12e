package dev.surge.qr.image;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.EncodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * Renders a QR code as a PNG. ZXing finds the modules; the PNG (1-bit greyscale) is written here rather than
 * through AWT and ImageIO, which would load the desktop stack on every cold start and need extra care in a
 * native image.
 */
public final class QrRenderer {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** Medium error correction and the standard quiet zone of four modules: what phone cameras read best. */
    private static final Map<EncodeHintType, Object> HINTS = Map.of(EncodeHintType.ERROR_CORRECTION,
            ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4);
    private static final int MASK_PATTERNS = 8;

    private QrRenderer() {
    }

    /**
     * A square PNG of {@code size} pixels that encodes {@code content}, and that a standard reader reads back.
     * ZXing's detector misses a few codes in a thousand (data modules that happen to look like a finder pattern);
     * another mask pattern always read in our trials, so a code is only rendered once the reader gets its content
     * back from it.
     */
    public static byte[] png(String content, int size) {
        BitMatrix modules = encode(content, size, HINTS);
        for (int mask = 0; !readsBack(modules, content); mask++) {
            if (mask == MASK_PATTERNS) {
                throw new IllegalStateException("no mask pattern makes a readable code of " + content.length() + " characters");
            }
            Map<EncodeHintType, Object> hints = new EnumMap<>(HINTS);
            hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
            modules = encode(content, size, hints);
        }
        return png(modules);
    }

    private static BitMatrix encode(String content, int size, Map<EncodeHintType, Object> hints) {
        try {
            return new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, size, size, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code of " + content.length() + " characters", e);
        }
    }

    /** Reads the code as a camera app would (no hints that it is a clean, generated image). */
    static boolean readsBack(BitMatrix modules, String content) {
        int width = modules.getWidth();
        int height = modules.getHeight();
        byte[] luminance = new byte[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                luminance[y * width + x] = modules.get(x, y) ? 0 : (byte) 0xff;
            }
        }
        LuminanceSource picture = new PlanarYUVLuminanceSource(luminance, width, height, 0, 0, width, height, false);
        try {
            return content.equals(new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(picture))).getText());
        } catch (ReaderException e) {
            return false;
        }
    }

    static byte[] png(BitMatrix modules) {
        int width = modules.getWidth();
        int height = modules.getHeight();
        int rowBytes = (width + 7) / 8;
        byte[] raw = new byte[height * (rowBytes + 1)];
        for (int y = 0; y < height; y++) {
            int row = y * (rowBytes + 1);
            // Filter byte 0 (none); then one bit per pixel, 1 = white, as greyscale PNGs count.
            for (int x = 0; x < width; x++) {
                if (!modules.get(x, y)) {
                    raw[row + 1 + x / 8] |= (byte) (0x80 >>> (x % 8));
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 8 + 256);
        out.writeBytes(SIGNATURE);
        chunk(out, "IHDR", ByteBuffer.allocate(13)
                .putInt(width)
                .putInt(height)
                .put((byte) 1)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0)
                .array());
        chunk(out, "IDAT", deflate(raw));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 4 + 64);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
