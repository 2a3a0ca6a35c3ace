package io.crmflow.support;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** Reads a QR code from a screenshot, the way a phone camera would (ZXing's reader, not our encoder). */
public final class QrReader {

    private QrReader() {}

    public static String read(byte[] png) {
        try {
            var image = ImageIO.read(new ByteArrayInputStream(png));
            var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
            return new QRCodeReader().decode(bitmap).getText();
        } catch (IOException | com.google.zxing.ReaderException e) {
            throw new IllegalStateException("No readable QR code in the screenshot", e);
        }
    }
}
