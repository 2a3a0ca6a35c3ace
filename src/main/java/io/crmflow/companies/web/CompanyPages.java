package io.crmflow.companies.web;

import io.crmflow.companies.Companies;
import io.crmflow.companies.CompanyView;
import io.crmflow.customfields.CustomFields;
import io.crmflow.identity.Members;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.platform.web.CursorPage;
import io.crmflow.platform.web.ErrorPages;
import io.crmflow.records.Highlight;
import io.crmflow.records.ListLinks;
import io.crmflow.records.RecordAccess;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The companies list and a company's page (fields, hierarchy tree with roll-ups, contacts, timeline). */
@Controller
class CompanyPages {

    private final Companies companies;
    private final CustomFields customFields;
    private final Members members;
    private final JsonMapper json;

    CompanyPages(Companies companies, CustomFields customFields, Members members, JsonMapper json) {
        this.companies = companies;
        this.customFields = customFields;
        this.members = members;
        this.json = json;
    }

    /** The search's words marked in a cell (escaped first: safe for th:utext). */
    record Highlighter(String q) {
        public String mark(@Nullable Object text) {
            return Highlight.html(text == null ? null : new CompanyForm.Helper().text(text), q);
        }
    }

    @GetMapping("/companies")
    String list(
            @RequestParam Map<String, String> params,
            @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
            @RequestHeader(name = "HX-Target", required = false) @Nullable String target,
            Model model) {
        var links = ListLinks.of("/companies", params);
        String cursor = params.get("cursor");
        CursorPage<CompanyView> page;
        try {
            page = companies.list(links.query(cursor));
        } catch (ApiProblem problem) {
            model.addAttribute("error", problem.summary());
            page = new CursorPage<>(List.of(), null);
        }
        model.addAttribute("links", links);
        model.addAttribute("page", page);
        model.addAttribute("canWrite", RecordAccess.callerCanWrite());
        model.addAttribute("fields", customFields.list("company"));
        model.addAttribute("memberNames", memberNames());
        model.addAttribute("hl", new Highlighter(links.get("q")));
        if (htmx != null && cursor != null && !cursor.isBlank()) {
            return "companies/list :: more";
        }
        if (htmx != null && "company-results".equals(target)) {
            return "companies/list :: results";
        }
        return "companies/list";
    }

    @GetMapping("/companies/{id}")
    String show(@PathVariable UUID id, Model model) {
        var company = companies.get(id);
        Map<String, Object> tree =
                json.convertValue(companies.tree(id), new TypeReference<LinkedHashMap<String, Object>>() {});
        var ancestors = new LinkedHashMap<String, String>();
        if (tree.get("ancestors") instanceof List<?> ids) {
            ids.forEach(a -> {
                try {
                    ancestors.put(
                            String.valueOf(a),
                            companies.get(UUID.fromString(String.valueOf(a))).name());
                } catch (ApiProblem hidden) {
                    ancestors.put(String.valueOf(a), "(hidden company)");
                }
            });
        }
        model.addAttribute("company", company);
        model.addAttribute("title", company.name());
        model.addAttribute("tree", tree);
        model.addAttribute("ancestors", ancestors);
        model.addAttribute("memberNames", memberNames());
        model.addAttribute("fields", customFields.list("company"));
        model.addAttribute("fh", new CompanyForm.Helper());
        model.addAttribute("canWrite", RecordAccess.callerCanWrite());
        return "companies/detail";
    }

    @PostMapping("/companies/{id}/delete")
    @PreAuthorize("hasAnyRole('OWNER', 'ADMIN', 'MEMBER')")
    String delete(@PathVariable UUID id, RedirectAttributes flash) {
        var company = companies.get(id);
        companies.delete(id);
        flash.addFlashAttribute("notice", company.name() + " moved to the trash.");
        return "redirect:/companies";
    }

    @PostMapping("/companies/{id}/restore")
    @PreAuthorize("hasAnyRole('OWNER', 'ADMIN', 'MEMBER')")
    String restore(@PathVariable UUID id, RedirectAttributes flash) {
        var company = companies.restore(id);
        flash.addFlashAttribute("notice", company.name() + " restored.");
        return "redirect:/companies?trash=true";
    }

    @ExceptionHandler(ApiProblem.class)
    ModelAndView problem(ApiProblem problem) {
        return ErrorPages.of(problem);
    }

    private Map<UUID, String> memberNames() {
        var out = new LinkedHashMap<UUID, String>();
        members.list(null, 200).data().forEach(m -> out.put(m.userId(), m.name()));
        return out;
    }
}
