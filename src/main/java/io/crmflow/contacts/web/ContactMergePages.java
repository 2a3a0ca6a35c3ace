package io.crmflow.contacts.web;

import io.crmflow.contacts.ContactDuplicates;
import io.crmflow.contacts.ContactMerges;
import io.crmflow.contacts.ContactView;
import io.crmflow.contacts.Contacts;
import io.crmflow.contacts.Undos;
import io.crmflow.customfields.CustomFields;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.platform.web.ErrorPages;
import io.crmflow.records.RecordAccess;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Duplicate groups ("Not a duplicate" / "Merge…"), the merge page choosing each field's value, and its undo. */
@Controller
class ContactMergePages {

    private final ContactDuplicates duplicates;
    private final ContactMerges merges;
    private final Undos undos;
    private final Contacts contacts;
    private final CustomFields customFields;
    private final Lookups lookups;

    ContactMergePages(
            ContactDuplicates duplicates,
            ContactMerges merges,
            Undos undos,
            Contacts contacts,
            CustomFields customFields,
            Lookups lookups) {
        this.duplicates = duplicates;
        this.merges = merges;
        this.undos = undos;
        this.contacts = contacts;
        this.customFields = customFields;
        this.lookups = lookups;
    }

    @GetMapping("/contacts/duplicates")
    String duplicates(
            @RequestParam(required = false) @Nullable UUID contactId,
            @RequestParam(required = false) @Nullable String cursor,
            Model model) {
        var page = duplicates.groups(contactId == null ? 20 : 200, cursor);
        var groups = contactId == null
                ? page.data()
                : page.data().stream().filter(g -> g.ids().contains(contactId)).toList();
        model.addAttribute("groups", groups);
        model.addAttribute("nextCursor", contactId == null ? page.nextCursor() : null);
        model.addAttribute("contactId", contactId);
        model.addAttribute("canWrite", RecordAccess.callerCanWrite());
        return "contacts/duplicates";
    }

    @PostMapping("/contacts/duplicates/ignore")
    @PreAuthorize("hasAnyRole('OWNER', 'ADMIN', 'MEMBER')")
    String ignore(@RequestParam List<String> ids, RedirectAttributes flash) {
        duplicates.ignore(ids);
        flash.addFlashAttribute("notice", "Marked as not duplicates.");
        return "redirect:/contacts/duplicates";
    }

    /** The merge page for {@code ids} (2–5, comma-separated): one row per field, one radio per record. */
    @GetMapping("/contacts/merge")
    @PreAuthorize("hasAnyRole('OWNER', 'ADMIN', 'MEMBER')")
    String merge(@RequestParam String ids, Model model) {
        var records = new ArrayList<ContactView>();
        for (String id :
                Arrays.stream(ids.split(",")).map(String::strip).distinct().toList()) {
            try {
                records.add(contacts.get(UUID.fromString(id)));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.notFound("contact");
            }
        }
        if (records.size() < 2 || records.size() > 5) {
            throw ApiProblem.invalid("ids", "a merge takes 2 to 5 contacts");
        }
        var companyIds = records.stream().map(ContactView::companyId).toList();
        model.addAttribute("records", records);
        model.addAttribute(
                "rows",
                MergeRows.of(
                        records,
                        customFields.list("contact"),
                        lookups.companyNames(companyIds),
                        lookups.memberNames()));
        model.addAttribute(
                "ids",
                String.join(",", records.stream().map(r -> r.id().toString()).toList()));
        return "contacts/merge";
    }

    @PostMapping("/contacts/merge")
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
            flash.addFlashAttribute(
                    "notice",
                    merged.mergedIds().size() + 1 + " contacts merged into "
                            + merged.survivor().name() + ".");
            flash.addFlashAttribute("mergeId", merged.mergeId());
            return "redirect:/contacts/" + merged.survivor().id();
        } catch (ApiProblem problem) {
            flash.addFlashAttribute("error", problem.summary());
            return "redirect:/contacts/merge?ids=" + String.join(",", all);
        }
    }

    /** Undoes a merge of contacts or (with {@code back=companies}) companies, once. */
    @PostMapping("/merges/{id}/undo")
    @PreAuthorize("hasAnyRole('OWNER', 'ADMIN', 'MEMBER')")
    String undo(
            @PathVariable UUID id, @RequestParam(required = false) @Nullable String back, RedirectAttributes flash) {
        try {
            var undone = undos.undo(id, true);
            flash.addFlashAttribute(
                    "notice", "Merge undone: " + undone.restoredIds().size() + " record(s) restored.");
        } catch (ApiProblem problem) {
            flash.addFlashAttribute("error", problem.summary());
        }
        return "companies".equals(back) ? "redirect:/companies" : "redirect:/contacts";
    }

    @ExceptionHandler(ApiProblem.class)
    ModelAndView problem(ApiProblem problem) {
        return ErrorPages.of(problem);
    }
}
