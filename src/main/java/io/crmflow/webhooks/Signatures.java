package io.crmflow.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The {@code CRMFlow-Signature} header: {@code t=<unix>,v1=<hex HMAC-SHA256 of "t.body">}, one v1 per secret. */
final class Signatures {

    static final String HEADER = "CRMFlow-Signature";

    private Signatures() {}

    static String header(long unixSeconds, String body, List<String> secrets) {
        var header = new StringBuilder("t=").append(unixSeconds);
        for (String secret : secrets) {
            header.append(",v1=").append(hmac(secret, unixSeconds + "." + body));
        }
        return header.toString();
    }

    static String hmac(String secret, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
