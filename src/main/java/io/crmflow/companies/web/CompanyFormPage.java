package io.crmflow.companies.web;

import io.crmflow.companies.Companies;
import io.crmflow.companies.CompanyView;
import io.crmflow.customfields.CustomFields;
import io.crmflow.identity.Members;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.platform.web.ErrorPages;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** New and edit company forms; invalid input re-renders the form with each field's error and saves nothing. */
@Controller
@PreAuthorize("hasAnyRole('OWNER', 'ADMIN', 'MEMBER')")
class CompanyFormPage {

    private final Companies companies;
    private final CustomFields customFields;
    private final Members members;

    CompanyFormPage(Companies companies, CustomFields customFields, Members members) {
        this.companies = companies;
        this.customFields = customFields;
        this.members = members;
    }

    @GetMapping("/companies/new")
    String create(Model model) {
        return form(model, null, new LinkedHashMap<>(), Map.of());
    }

    @PostMapping("/companies")
    ModelAndView create(@RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes flash) {
        try {
            var created = companies.create(CompanyForm.input(form, customFields.list("company"), false));
            flash.addFlashAttribute("notice", created.name() + " created.");
            return new ModelAndView("redirect:/companies/" + created.id());
        } catch (ApiProblem problem) {
            return invalid(model, null, form, problem);
        }
    }

    @GetMapping("/companies/{id}/edit")
    String edit(@PathVariable UUID id, Model model) {
        var company = companies.get(id);
        return form(model, company, CompanyForm.values(company), Map.of());
    }

    @PostMapping("/companies/{id}")
    ModelAndView update(
            @PathVariable UUID id,
            @RequestParam MultiValueMap<String, String> form,
            Model model,
            RedirectAttributes flash) {
        var before = companies.get(id);
        try {
            var after = companies.update(id, CompanyForm.input(form, customFields.list("company"), true));
            flash.addFlashAttribute("notice", after.name() + " saved.");
            return new ModelAndView("redirect:/companies/" + id);
        } catch (ApiProblem problem) {
            return invalid(model, before, form, problem);
        }
    }

    @ExceptionHandler(ApiProblem.class)
    ModelAndView problem(ApiProblem problem) {
        return ErrorPages.of(problem);
    }

    private ModelAndView invalid(
            Model model, @Nullable CompanyView company, MultiValueMap<String, String> form, ApiProblem problem) {
        if (problem.errors().isEmpty()) {
            throw problem;
        }
        var errors = new LinkedHashMap<String, String>();
        problem.errors().forEach(e -> errors.merge(e.field(), e.message(), (a, b) -> a + "; " + b));
        var page = new ModelAndView(form(model, company, CompanyForm.values(form), errors), model.asMap());
        page.setStatus(HttpStatus.UNPROCESSABLE_CONTENT);
        return page;
    }

    private String form(
            Model model, @Nullable CompanyView company, Map<String, Object> values, Map<String, String> errors) {
        model.addAttribute("company", company);
        model.addAttribute("title", company == null ? "New company" : "Edit " + company.name());
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("fh", new CompanyForm.Helper());
        model.addAttribute("fields", customFields.list("company"));
        model.addAttribute("members", members.list(null, 200).data());
        model.addAttribute("sizes", Companies.SIZES);
        model.addAttribute("address", CompanyForm.ADDRESS);
        String parentName = null;
        if (values.get("parentId") instanceof String s && !s.isBlank()) {
            try {
                parentName = companies.get(UUID.fromString(s)).name();
            } catch (IllegalArgumentException | ApiProblem e) {
                // an unknown parent typed in: the service reports it on save
            }
        }
        model.addAttribute("parentName", parentName);
        return "companies/form";
    }
}
