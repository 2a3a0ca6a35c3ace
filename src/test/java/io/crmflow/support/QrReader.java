package io.crmflow.support;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Reads a QR code from a screenshot, the way a phone camera would (ZXing's reader, not our encoder), trying the
 * reader's usual strategies as a camera app does frame after frame.
 */
public final class QrReader {

    private QrReader() {}

    public static String read(byte[] png) {
        LuminanceSource source;
        try {
            source = new BufferedImageLuminanceSource(ImageIO.read(new ByteArrayInputStream(png)));
        } catch (IOException e) {
            throw new IllegalStateException("Not an image", e);
        }
        List<BinaryBitmap> bitmaps = List.of(
                new BinaryBitmap(new HybridBinarizer(source)), new BinaryBitmap(new GlobalHistogramBinarizer(source)));
        List<Map<DecodeHintType, Object>> hints = List.of(
                Map.of(),
                Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE),
                Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE));
        ReaderException last = null;
        for (BinaryBitmap bitmap : bitmaps) {
            for (Map<DecodeHintType, Object> hint : hints) {
                try {
                    return new QRCodeReader().decode(bitmap, hint).getText();
                } catch (ReaderException e) {
                    last = e;
                }
            }
        }
        throw new IllegalStateException("No readable QR code in the screenshot", last);
    }
}
