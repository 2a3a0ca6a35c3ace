package io.crmflow.shared;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Phone numbers in E.164 ({@code +4930123456}), parsed with libphonenumber. */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {}

    /**
     * The E.164 form of {@code raw}, or empty if it is not a possible number. Numbers without a {@code +} country
     * code are read as numbers of {@code defaultRegion} (ISO 3166 alpha-2, e.g. {@code US}); null means "must have
     * a country code".
     */
    public static Optional<String> toE164(@Nullable String raw, @Nullable String defaultRegion) {
        if (raw == null || raw.isBlank() || raw.length() > 64) {
            return Optional.empty();
        }
        try {
            var number = UTIL.parse(raw.strip(), defaultRegion == null ? "ZZ" : defaultRegion);
            if (!UTIL.isPossibleNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** The ISO region of an E.164 number ({@code DE} for {@code +49…}), or empty. */
    public static Optional<String> region(String e164) {
        try {
            String region = UTIL.getRegionCodeForNumber(UTIL.parse(e164, "ZZ"));
            return region == null || region.equals("ZZ") ? Optional.empty() : Optional.of(region);
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
