package io.crmflow.companies.web;

import io.crmflow.companies.Companies;
import io.crmflow.companies.CompanyDuplicates;
import io.crmflow.companies.CompanyMerges;
import io.crmflow.companies.CompanyView;
import io.crmflow.customfields.CustomField;
import io.crmflow.customfields.CustomFields;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.platform.web.ErrorPages;
import io.crmflow.records.RecordAccess;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Duplicate companies (by domain and similar name) and their merge page; undo is the contacts' merge undo page. */
@Controller
class CompanyMergePages {

    private final CompanyDuplicates duplicates;
    private final CompanyMerges merges;
    private final Companies companies;
    private final CustomFields customFields;

    CompanyMergePages(
            CompanyDuplicates duplicates, CompanyMerges merges, Companies companies, CustomFields customFields) {
        this.duplicates = duplicates;
        this.merges = merges;
        this.companies = companies;
        this.customFields = customFields;
    }

    /** One field of the merge page: each record's value as text, the index preselected (-1: combine). */
    record Row(String field, String label, List<String> values, boolean list, int preselected, boolean differs) {}

    @GetMapping("/companies/duplicates")
    String duplicates(@RequestParam(required = false) @Nullable String cursor, Model model) {
        var page = duplicates.groups(20, cursor);
        model.addAttribute("groups", page.data());
        model.addAttribute("nextCursor", page.nextCursor());
        model.addAttribute("canWrite", RecordAccess.callerCanWrite());
        return "companies/duplicates";
    }

    @PostMapping("/companies/duplicates/ignore")
    @PreAuthorize("hasAnyRole('OWNER', 'ADMIN', 'MEMBER')")
    String ignore(@RequestParam List<String> ids, RedirectAttributes flash) {
        duplicates.ignore(ids);
        flash.addFlashAttribute("notice", "Marked as not duplicates.");
        return "redirect:/companies/duplicates";
    }

    @GetMapping("/companies/merge")
    @PreAuthorize("hasAnyRole('OWNER', 'ADMIN', 'MEMBER')")
    String merge(@RequestParam String ids, Model model) {
        var records = new ArrayList<CompanyView>();
        for (String id :
                Arrays.stream(ids.split(",")).map(String::strip).distinct().toList()) {
            try {
                records.add(companies.get(UUID.fromString(id)));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.notFound("company");
            }
        }
        if (records.size() < 2 || records.size() > 5) {
            throw ApiProblem.invalid("ids", "a merge takes 2 to 5 companies");
        }
        model.addAttribute("records", records);
        model.addAttribute("rows", rows(records, customFields.list("company")));
        model.addAttribute(
                "ids",
                String.join(",", records.stream().map(r -> r.id().toString()).toList()));
        return "companies/merge";
    }

    @PostMapping("/companies/merge")
    @PreAuthorize("hasAnyRole('OWNER', 'ADMIN', 'MEMBER')")
    String merge(@RequestParam Map<String, String> form, RedirectAttributes flash) {
        String survivor = form.get("survivorId");
        var all = Arrays.stream(form.getOrDefault("ids", "").split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        var fields = new LinkedHashMap<String, Object>();
        form.forEach((name, value) -> {
            if (name.startsWith("field.") && !value.isBlank()) {
                fields.put(name.substring("field.".length()), value);
            }
        });
        var body = new LinkedHashMap<String, Object>();
        body.put("survivorId", survivor);
        body.put("mergedIds", all.stream().filter(id -> !id.equals(survivor)).toList());
        body.put("fields", fields);
        try {
            var merged = merges.merge(body);
            flash.addFlashAttribute("notice", merged.mergedIds().size() + 1 + " companies merged.");
            flash.addFlashAttribute("mergeId", merged.mergeId());
            return "redirect:/companies/" + merged.survivor().id();
        } catch (ApiProblem problem) {
            flash.addFlashAttribute("error", problem.summary());
            return "redirect:/companies/merge?ids=" + String.join(",", all);
        }
    }

    @ExceptionHandler(ApiProblem.class)
    ModelAndView problem(ApiProblem problem) {
        return ErrorPages.of(problem);
    }

    private static List<Row> rows(List<CompanyView> records, List<CustomField> fields) {
        var rows = new ArrayList<Row>();
        rows.add(row("name", "Name", records, CompanyView::name, false));
        rows.add(row("domain", "Domain", records, CompanyView::domain, false));
        rows.add(row("industry", "Industry", records, CompanyView::industry, false));
        rows.add(row("size", "Size", records, CompanyView::size, false));
        rows.add(row("annualRevenue", "Annual revenue", records, CompanyView::annualRevenue, false));
        rows.add(row("phone", "Phone", records, CompanyView::phone, false));
        rows.add(row("website", "Website", records, CompanyView::website, false));
        rows.add(row("tags", "Tags", records, CompanyView::tags, true));
        rows.add(row(
                "address",
                "Address",
                records,
                c -> c.address().isEmpty() ? null : c.address().values(),
                false));
        for (CustomField f : fields) {
            rows.add(row(
                    "custom." + f.key(),
                    f.label(),
                    records,
                    c -> c.customFields().get(f.key()),
                    false));
        }
        return rows;
    }

    private static Row row(
            String field, String label, List<CompanyView> records, Function<CompanyView, Object> value, boolean list) {
        var shown = records.stream().map(r -> text(value.apply(r))).toList();
        int first = 0;
        for (int i = 0; i < shown.size(); i++) {
            if (!shown.get(i).isEmpty()) {
                first = i;
                break;
            }
        }
        return new Row(
                field,
                label,
                shown,
                list,
                list ? -1 : first,
                shown.stream().distinct().count() > 1);
    }

    private static String text(@Nullable Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Collection<?> c) {
            return String.join(
                    ", ",
                    c.stream().filter(Objects::nonNull).map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }
}
