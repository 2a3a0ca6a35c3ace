package io.crmflow.companies;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The built-in offline provider: what the domain itself tells. {@code acme-widgets.co.uk} gives the name
 * "Acme Widgets", the website, the favicon URL and the country of a country-code TLD (GB).
 */
@Component
@Order(0)
class DomainEnricher implements CompanyEnricher {

    private static final Set<String> SECOND_LEVEL = Set.of("co", "com", "org", "net", "ac", "gov", "edu", "ltd", "plc");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    @Override
    public String name() {
        return "domain";
    }

    @Override
    public Map<String, Object> enrich(String domain) {
        String[] labels = domain.split("\\.");
        var out = new LinkedHashMap<String, Object>();
        if (labels.length < 2) {
            return out;
        }
        String tld = labels[labels.length - 1];
        int nameIndex = labels.length - 2;
        if (labels.length >= 3 && SECOND_LEVEL.contains(labels[nameIndex]) && tld.length() == 2) {
            nameIndex--;
        }
        out.put("name", title(labels[nameIndex]));
        out.put("website", "https://" + domain);
        out.put("faviconUrl", "https://" + domain + "/favicon.ico");
        String country = tld.equals("uk") ? "GB" : tld.toUpperCase(Locale.ROOT);
        if (tld.length() == 2 && COUNTRIES.contains(country)) {
            out.put("country", country);
        }
        return out;
    }

    private static String title(String label) {
        var words = new StringBuilder();
        for (String word : label.split("[-_]+")) {
            if (!word.isEmpty()) {
                words.append(words.isEmpty() ? "" : " ")
                        .append(Character.toUpperCase(word.charAt(0)))
                        .append(word.substring(1));
            }
        }
        return words.toString();
    }
}
