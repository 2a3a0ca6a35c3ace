package io.crmflow.imports;

import io.crmflow.shared.Domains;
import io.crmflow.shared.PhoneNumbers;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A company as one row gives it, normalised; null or empty means "not given". */
final class CompanyDraft extends Draft<CompanyDraft> {

    static final List<String> SIZES =
            List.of("1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000", "5001-10000", "10001+");

    @Nullable
    String name;

    @Nullable
    String domain;

    @Nullable
    String industry;

    @Nullable
    String size;

    @Nullable
    BigDecimal annualRevenue;

    @Nullable
    String currency;

    @Nullable
    String phone;

    @Nullable
    String website;

    List<String> tags = List.of();
    Map<String, String> address = new LinkedHashMap<>();

    private CompanyDraft(long row) {
        super(row);
    }

    static CompanyDraft read(long row, Cells cells, @Nullable String region, List<RowError> errors) {
        var d = new CompanyDraft(row);
        d.name = cells.one("name");
        if (d.name != null && d.name.length() > 300) {
            errors.add(new RowError(row, cells.header("name"), "is longer than 300 characters"));
        }
        d.website = cells.one("website");
        if (d.website != null && d.website.length() > 2000) {
            errors.add(new RowError(row, cells.header("website"), "is longer than 2000 characters"));
        }
        String domain = cells.one("domain");
        if (domain != null) {
            d.domain = Domains.normalize(domain).orElse(null);
            if (d.domain == null) {
                errors.add(new RowError(
                        row, cells.header("domain"), "'" + ContactDraft.clip(domain) + "' is not a domain"));
            }
        } else if (d.website != null) {
            d.domain = Domains.normalize(d.website).orElse(null);
        }
        d.industry = ContactDraft.text(row, cells, "industry", errors);
        String size = cells.one("size");
        if (size != null) {
            String normal = size.replaceAll("[\\s–—]+", "").replace("–", "-");
            d.size = SIZES.contains(normal) ? normal : null;
            if (d.size == null) {
                errors.add(new RowError(
                        row, cells.header("size"), "'" + ContactDraft.clip(size) + "' is not one of " + SIZES));
            }
        }
        String revenue = cells.one("annualRevenue");
        if (revenue != null) {
            try {
                var amount = new BigDecimal(revenue.replaceAll("[\\s,_$€£¥]", "")).setScale(2, RoundingMode.HALF_UP);
                if (amount.precision() > 20) {
                    throw new NumberFormatException("too large");
                }
                d.annualRevenue = amount;
            } catch (NumberFormatException | ArithmeticException e) {
                errors.add(new RowError(
                        row, cells.header("annualRevenue"), "'" + ContactDraft.clip(revenue) + "' is not an amount"));
            }
        }
        String currency = cells.one("currency");
        if (currency != null) {
            try {
                d.currency = Currency.getInstance(currency.strip().toUpperCase(Locale.ROOT))
                        .getCurrencyCode();
            } catch (IllegalArgumentException e) {
                errors.add(new RowError(
                        row,
                        cells.header("currency"),
                        "'" + ContactDraft.clip(currency) + "' is not an ISO 4217 currency code"));
            }
        }
        String phone = cells.one("phone");
        if (phone != null) {
            d.phone = PhoneNumbers.toE164(phone, region).orElse(null);
            if (d.phone == null) {
                errors.add(new RowError(
                        row, cells.header("phone"), "'" + ContactDraft.clip(phone) + "' is not a phone number"));
            }
        }
        d.tags = cells.list("tags");
        for (String part : List.of("street", "city", "region", "postalCode", "country")) {
            String value = ContactDraft.text(row, cells, part, errors);
            if (value != null) {
                d.address.put(part, value);
            }
        }
        d.externalId = ContactDraft.text(row, cells, "externalId", errors);
        d.customChanges = cells.custom();
        return d;
    }

    @Override
    @Nullable
    String key(String matchBy) {
        return matchBy.equals("domain") ? domain : externalId;
    }

    @Override
    @Nullable
    String missingForCreate() {
        return name == null ? "a company needs a name" : null;
    }

    @Override
    void absorb(CompanyDraft later) {
        name = later.name != null ? later.name : name;
        domain = later.domain != null ? later.domain : domain;
        industry = later.industry != null ? later.industry : industry;
        size = later.size != null ? later.size : size;
        annualRevenue = later.annualRevenue != null ? later.annualRevenue : annualRevenue;
        currency = later.currency != null ? later.currency : currency;
        phone = later.phone != null ? later.phone : phone;
        website = later.website != null ? later.website : website;
        var all = new java.util.LinkedHashSet<>(tags);
        all.addAll(later.tags);
        tags = List.copyOf(all);
        address.putAll(later.address);
        externalId = later.externalId != null ? later.externalId : externalId;
        custom.putAll(later.custom);
    }
}
