package io.crmflow.contacts.web;

import io.crmflow.contacts.ContactView;
import io.crmflow.customfields.CustomField;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * The rows of the merge page: one per field, each record's value shown as text. {@code list} fields are combined
 * by default; for the others the first record holding a value is preselected.
 */
record MergeRows(List<Row> rows) {

    /** One field: its merge name, label, each record's shown value, the index preselected (-1: combine). */
    record Row(String field, String label, List<String> values, boolean list, int preselected, boolean differs) {}

    static List<Row> of(
            List<ContactView> records,
            List<CustomField> fields,
            Map<UUID, String> companyNames,
            Map<UUID, String> memberNames) {
        var rows = new ArrayList<Row>();
        rows.add(row("firstName", "First name", records, ContactView::firstName, false));
        rows.add(row("lastName", "Last name", records, ContactView::lastName, false));
        rows.add(row("email", "Primary email", records, ContactView::email, false));
        rows.add(row("emails", "All emails", records, ContactView::emails, true));
        rows.add(row("phone", "Primary phone", records, ContactView::phone, false));
        rows.add(row("phones", "All phones", records, ContactView::phones, true));
        rows.add(row("jobTitle", "Job title", records, ContactView::jobTitle, false));
        rows.add(row(
                "companyId",
                "Company",
                records,
                c -> c.companyId() == null ? null : companyNames.getOrDefault(c.companyId(), "(hidden)"),
                false));
        rows.add(row(
                "ownerId",
                "Owner",
                records,
                c -> c.ownerId() == null ? null : memberNames.getOrDefault(c.ownerId(), "(former member)"),
                false));
        rows.add(row("lifecycleStage", "Stage", records, ContactView::lifecycleStage, false));
        rows.add(row("source", "Source", records, ContactView::source, false));
        rows.add(row("tags", "Tags", records, ContactView::tags, true));
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
            String field, String label, List<ContactView> records, Function<ContactView, Object> value, boolean list) {
        var shown = records.stream().map(r -> text(value.apply(r))).toList();
        int first = -1;
        for (int i = 0; i < shown.size() && !list; i++) {
            if (!shown.get(i).isEmpty()) {
                first = i;
                break;
            }
        }
        boolean differs = shown.stream().distinct().count() > 1;
        return new Row(field, label, shown, list, list ? -1 : Math.max(first, 0), differs);
    }

    private static String text(Object value) {
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
