package io.crmflow.apikeys;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Key secrets: {@code crm_} and 32 random bytes in base62 (always 43 characters), so they are easy to copy. */
final class ApiKeySecrets {

    static final String PREFIX = "crm_";
    static final int PREFIX_SHOWN = 8;
    private static final int RANDOM_BYTES = 32;
    private static final int LENGTH = 43; // 62^43 > 2^256
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final Pattern FORMAT = Pattern.compile("crm_[0-9A-Za-z]{" + LENGTH + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {}

    static String newSecret() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + base62(new BigInteger(1, bytes));
    }

    static boolean wellFormed(String secret) {
        return FORMAT.matcher(secret).matches();
    }

    /** The non-secret part shown in lists: the first characters after {@code crm_}. */
    static String displayPrefix(String secret) {
        return secret.substring(PREFIX.length(), PREFIX.length() + PREFIX_SHOWN);
    }

    private static String base62(BigInteger value) {
        var digits = new StringBuilder();
        BigInteger base = BigInteger.valueOf(ALPHABET.length());
        while (value.signum() > 0) {
            BigInteger[] divided = value.divideAndRemainder(base);
            digits.append(ALPHABET.charAt(divided[1].intValue()));
            value = divided[0];
        }
        while (digits.length() < LENGTH) {
            digits.append('0');
        }
        return digits.reverse().toString();
    }
}
