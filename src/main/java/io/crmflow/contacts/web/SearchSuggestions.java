package io.crmflow.contacts.web;

import io.crmflow.companies.Companies;
import io.crmflow.companies.CompanyView;
import io.crmflow.contacts.ContactView;
import io.crmflow.contacts.Contacts;
import io.crmflow.records.Highlight;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /search/suggest?q=}: the top search box's autocomplete, a few contacts and companies as listbox options
 * (an htmx partial); {@code only=companies} for the company pickers.
 */
@Controller
class SearchSuggestions {

    private static final int EACH = 5;

    private final Contacts contacts;
    private final Companies companies;

    SearchSuggestions(Contacts contacts, Companies companies) {
        this.contacts = contacts;
        this.companies = companies;
    }

    /** One option: what it is, its label (marked, escaped), a hint and where it leads. */
    record Suggestion(String kind, String id, String label, String hint, String href) {}

    @GetMapping("/search/suggest")
    String suggest(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String only,
            Model model) {
        String query = q == null ? "" : q.strip();
        List<Suggestion> contactHits = List.of();
        List<Suggestion> companyHits = List.of();
        if (query.length() >= 1) {
            var params = Map.of("q", query, "limit", String.valueOf(EACH));
            if (!"companies".equals(only)) {
                contactHits = contacts.list(params).data().stream()
                        .map(c -> contact(c, query))
                        .toList();
            }
            companyHits = companies.list(params).data().stream()
                    .map(c -> company(c, query))
                    .toList();
        }
        model.addAttribute("q", query);
        model.addAttribute("contacts", contactHits);
        model.addAttribute("companies", companyHits);
        return "contacts/suggest";
    }

    private static Suggestion contact(ContactView c, String q) {
        return new Suggestion(
                "contact",
                c.id().toString(),
                Highlight.html(c.name(), q),
                c.email() == null ? "" : c.email(),
                "/contacts/" + c.id());
    }

    private static Suggestion company(CompanyView c, String q) {
        return new Suggestion(
                "company",
                c.id().toString(),
                Highlight.html(c.name(), q),
                c.domain() == null ? "" : c.domain(),
                "/companies/" + c.id());
    }
}
