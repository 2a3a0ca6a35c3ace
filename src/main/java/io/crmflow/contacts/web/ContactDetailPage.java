package io.crmflow.contacts.web;

import io.crmflow.contacts.Contacts;
import io.crmflow.customfields.CustomFields;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.platform.web.ErrorPages;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** One contact: its fields, company and past companies, timeline with notes; delete moves it to the trash. */
@Controller
class ContactDetailPage {

    private final Contacts contacts;
    private final CustomFields customFields;
    private final Lookups lookups;

    ContactDetailPage(Contacts contacts, CustomFields customFields, Lookups lookups) {
        this.contacts = contacts;
        this.customFields = customFields;
        this.lookups = lookups;
    }

    @GetMapping("/contacts/{id}")
    String show(@PathVariable UUID id, Model model) {
        var contact = contacts.get(id);
        var past = contacts.pastCompanies(id);
        var companyIds = contact.companyId() == null ? List.<UUID>of() : List.of(contact.companyId());
        model.addAttribute("contact", contact);
        model.addAttribute("title", contact.name());
        model.addAttribute("pastCompanies", past);
        model.addAttribute("companyNames", lookups.companyNames(companyIds));
        model.addAttribute("memberNames", lookups.memberNames());
        model.addAttribute("fields", customFields.list("contact"));
        model.addAttribute("fh", new ContactForm.Helper());
        return "contacts/detail";
    }

    @PostMapping("/contacts/{id}/delete")
    @PreAuthorize("hasAnyRole('OWNER', 'ADMIN', 'MEMBER')")
    String delete(@PathVariable UUID id, RedirectAttributes flash) {
        var contact = contacts.get(id);
        contacts.delete(id);
        flash.addFlashAttribute("notice", contact.name() + " moved to the trash.");
        return "redirect:/contacts";
    }

    /** The contacts of one company, for the company page (loaded with htmx: companies do not depend on contacts). */
    @GetMapping("/contacts/of-company/{companyId}")
    String ofCompany(@PathVariable UUID companyId, Model model) {
        model.addAttribute(
                "contacts",
                contacts.list(Map.of("companyId", companyId.toString(), "limit", "100"))
                        .data());
        return "contacts/of-company";
    }

    @ExceptionHandler(ApiProblem.class)
    ModelAndView problem(ApiProblem problem) {
        return ErrorPages.of(problem);
    }
}
