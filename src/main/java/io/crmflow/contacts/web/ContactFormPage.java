package io.crmflow.contacts.web;

import io.crmflow.contacts.ContactView;
import io.crmflow.contacts.Contacts;
import io.crmflow.customfields.CustomFields;
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

/** New and edit contact forms; invalid input re-renders the form with each field's error and saves nothing. */
@Controller
@PreAuthorize("hasAnyRole('OWNER', 'ADMIN', 'MEMBER')")
class ContactFormPage {

    private final Contacts contacts;
    private final CustomFields customFields;
    private final Lookups lookups;

    ContactFormPage(Contacts contacts, CustomFields customFields, Lookups lookups) {
        this.contacts = contacts;
        this.customFields = customFields;
        this.lookups = lookups;
    }

    @GetMapping("/contacts/new")
    String create(Model model) {
        return form(model, null, new LinkedHashMap<>(), Map.of());
    }

    @PostMapping("/contacts")
    ModelAndView create(@RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes flash) {
        try {
            var created = contacts.create(ContactForm.input(form, customFields.list("contact"), null));
            flash.addFlashAttribute("notice", created.name() + " created.");
            if (created.possibleDuplicates() != null
                    && !created.possibleDuplicates().isEmpty()) {
                // plain maps and lists: flash attributes live in the (serialised) session
                flash.addFlashAttribute(
                        "duplicates",
                        new java.util.ArrayList<>(created.possibleDuplicates().stream()
                                .map(d -> new java.util.HashMap<>(
                                        Map.of("id", d.id().toString(), "name", d.name(), "reason", d.reason())))
                                .toList()));
            }
            return new ModelAndView("redirect:/contacts/" + created.id());
        } catch (ApiProblem problem) {
            return invalid(model, null, form, problem);
        }
    }

    @GetMapping("/contacts/{id}/edit")
    String edit(@PathVariable UUID id, Model model) {
        var contact = contacts.get(id);
        return form(model, contact, ContactForm.values(contact), Map.of());
    }

    @PostMapping("/contacts/{id}")
    ModelAndView update(
            @PathVariable UUID id,
            @RequestParam MultiValueMap<String, String> form,
            Model model,
            RedirectAttributes flash) {
        var before = contacts.get(id);
        try {
            var after = contacts.update(id, ContactForm.input(form, customFields.list("contact"), before));
            flash.addFlashAttribute("notice", after.name() + " saved.");
            return new ModelAndView("redirect:/contacts/" + id);
        } catch (ApiProblem problem) {
            return invalid(model, before, form, problem);
        }
    }

    @ExceptionHandler(ApiProblem.class)
    ModelAndView problem(ApiProblem problem) {
        return ErrorPages.of(problem);
    }

    private ModelAndView invalid(
            Model model, @Nullable ContactView contact, MultiValueMap<String, String> form, ApiProblem problem) {
        if (problem.errors().isEmpty()) {
            throw problem;
        }
        var errors = new LinkedHashMap<String, String>();
        problem.errors().forEach(e -> errors.merge(e.field(), e.message(), (a, b) -> a + "; " + b));
        var page = new ModelAndView(form(model, contact, ContactForm.values(form), errors), model.asMap());
        page.setStatus(HttpStatus.UNPROCESSABLE_CONTENT);
        return page;
    }

    private String form(
            Model model, @Nullable ContactView contact, Map<String, Object> values, Map<String, String> errors) {
        model.addAttribute("contact", contact);
        model.addAttribute("title", contact == null ? "New contact" : "Edit " + contact.name());
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("fh", new ContactForm.Helper());
        model.addAttribute("fields", customFields.list("contact"));
        model.addAttribute("members", lookups.members());
        model.addAttribute("stages", Contacts.STAGES);
        model.addAttribute("channels", Contacts.CONSENT_CHANNELS);
        model.addAttribute("address", ContactForm.ADDRESS);
        Object companyId = values.get("companyId");
        String companyName = null;
        if (companyId instanceof String s && !s.isBlank()) {
            try {
                companyName = lookups.companyNames(java.util.List.of(UUID.fromString(s)))
                        .get(UUID.fromString(s));
            } catch (IllegalArgumentException e) {
                // a malformed id typed into the form: shown empty, the service reports it
            }
        }
        model.addAttribute("companyName", companyName);
        return "contacts/form";
    }
}
