package io.crmflow.contacts.web;

import io.crmflow.contacts.ContactView;
import io.crmflow.contacts.Contacts;
import io.crmflow.customfields.CustomFields;
import io.crmflow.platform.web.ApiProblem;
import io.crmflow.platform.web.CursorPage;
import io.crmflow.platform.web.ErrorPages;
import io.crmflow.records.Highlight;
import io.crmflow.records.ListLinks;
import io.crmflow.records.RecordAccess;
import io.crmflow.records.Segments;
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

/** The contacts list: search, sort, filters, segments, column chooser, keyset "Load more", trash. */
@Controller
class ContactListPage {

    private final Contacts contacts;
    private final CustomFields customFields;
    private final Segments segments;
    private final Lookups lookups;

    ContactListPage(Contacts contacts, CustomFields customFields, Segments segments, Lookups lookups) {
        this.contacts = contacts;
        this.customFields = customFields;
        this.segments = segments;
        this.lookups = lookups;
    }

    /** A column of the table: {@code sort} is the list's sort key, null when the column does not sort. */
    record Column(String key, String label, @Nullable String sort) {}

    @GetMapping("/contacts")
    String list(
            @RequestParam Map<String, String> params,
            @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
            @RequestHeader(name = "HX-Target", required = false) @Nullable String target,
            Model model) {
        var links = ListLinks.of("/contacts", params);
        String cursor = params.get("cursor");
        CursorPage<ContactView> page;
        try {
            page = contacts.list(links.query(cursor));
        } catch (ApiProblem problem) {
            model.addAttribute("error", problem.summary());
            page = new CursorPage<>(List.of(), null);
        }
        var fields = customFields.list("contact");
        model.addAttribute("links", links);
        model.addAttribute("canWrite", RecordAccess.callerCanWrite());
        model.addAttribute("page", page);
        model.addAttribute("fields", fields);
        model.addAttribute("columns", columns(fields));
        model.addAttribute("memberNames", lookups.memberNames());
        model.addAttribute(
                "companyNames",
                lookups.companyNames(
                        page.data().stream().map(ContactView::companyId).toList()));
        model.addAttribute("hl", new Highlighter(links.get("q")));
        if (htmx != null && cursor != null && !cursor.isBlank()) {
            return "contacts/list :: more";
        }
        if (htmx != null && "contact-results".equals(target)) {
            return "contacts/list :: results";
        }
        model.addAttribute("members", lookups.members());
        model.addAttribute("stages", Contacts.STAGES);
        model.addAttribute("segments", segmentsOrNone());
        return "contacts/list";
    }

    /** Saves the list's current filter (filter JSON plus shortcuts) as a segment. */
    @PostMapping("/contacts/segments")
    @PreAuthorize("hasAnyRole('OWNER', 'ADMIN', 'MEMBER')")
    String saveSegment(@RequestParam Map<String, String> params, RedirectAttributes flash) {
        try {
            String current = params.get("segmentId");
            Object base = current == null || current.isBlank()
                    ? null
                    : segments.get(UUID.fromString(current)).filter();
            var saved = segments.create(new Segments.SegmentInput(
                    "contact", params.get("name"), SegmentFilters.of(params, base), "on".equals(params.get("shared"))));
            flash.addFlashAttribute("notice", "Segment \"" + saved.name() + "\" saved.");
            return "redirect:/contacts?segmentId=" + saved.id();
        } catch (ApiProblem problem) {
            flash.addFlashAttribute("error", problem.summary());
            return "redirect:/contacts";
        }
    }

    @PostMapping("/contacts/{id}/restore")
    @PreAuthorize("hasAnyRole('OWNER', 'ADMIN', 'MEMBER')")
    String restore(@PathVariable UUID id, RedirectAttributes flash) {
        var contact = contacts.restore(id);
        flash.addFlashAttribute("notice", contact.name() + " restored.");
        return "redirect:/contacts?trash=true";
    }

    @ExceptionHandler(ApiProblem.class)
    ModelAndView problem(ApiProblem problem) {
        return ErrorPages.of(problem);
    }

    private List<Segments.SegmentView> segmentsOrNone() {
        try {
            return segments.list("contact");
        } catch (ApiProblem problem) {
            return List.of();
        }
    }

    private static List<Column> columns(List<io.crmflow.customfields.CustomField> fields) {
        var out = new java.util.ArrayList<>(List.of(
                new Column("name", "Name", "name"),
                new Column("email", "Email", "email"),
                new Column("phone", "Phone", null),
                new Column("company", "Company", null),
                new Column("stage", "Stage", null),
                new Column("owner", "Owner", null),
                new Column("tags", "Tags", null),
                new Column("createdAt", "Created", "createdAt"),
                new Column("updatedAt", "Updated", "updatedAt")));
        fields.forEach(f -> out.add(new Column("custom." + f.key(), f.label(), "custom." + f.key())));
        return out;
    }

    /** The search's words marked in a cell (escaped first: safe for th:utext). */
    record Highlighter(String q) {
        public String mark(@Nullable Object text) {
            if (text instanceof java.util.Collection<?> list) {
                return Highlight.html(
                        String.join(", ", list.stream().map(String::valueOf).toList()), q);
            }
            return Highlight.html(text == null ? null : String.valueOf(text), q);
        }
    }
}
