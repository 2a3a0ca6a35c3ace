package io.crmflow.imports;

import io.crmflow.customfields.CustomFields;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * The import pages {@code /contacts/import} and {@code /companies/import} (writers only): upload, map columns with
 * a preview, start, follow the progress (static/js/imports.js drives the API).
 */
@Controller
@PreAuthorize("hasAnyRole('OWNER', 'ADMIN', 'MEMBER')")
class ImportPages {

    private final CustomFields customFields;
    private final JsonMapper json;

    ImportPages(CustomFields customFields, JsonMapper json) {
        this.customFields = customFields;
        this.json = json;
    }

    @GetMapping({"/contacts/import", "/companies/import"})
    String page(HttpServletRequest request, Model model) {
        boolean companies = request.getRequestURI().startsWith("/companies/");
        String entity = companies ? "company" : "contact";
        List<Map<String, String>> targets = new ArrayList<>();
        targets.add(option(Targets.IGNORE, "— ignore —"));
        Targets.of(entity).forEach(t -> targets.add(option(t, t)));
        customFields.list(entity).forEach(f -> targets.add(option(Targets.CUSTOM + f.key(), f.label() + " (custom)")));
        model.addAttribute("title", companies ? "Import companies" : "Import contacts");
        model.addAttribute("api", companies ? "/api/v1/companies/imports" : "/api/v1/contacts/imports");
        model.addAttribute("matchBy", companies ? List.of("domain", "externalId") : List.of("email", "externalId"));
        model.addAttribute("targets", json.writeValueAsString(targets));
        return "imports/import";
    }

    private static Map<String, String> option(String value, String label) {
        Map<String, String> option = new LinkedHashMap<>();
        option.put("value", value);
        option.put("label", label);
        return option;
    }
}
