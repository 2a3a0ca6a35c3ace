package io.crmflow.imports;

import io.crmflow.companies.Companies;
import io.crmflow.companies.CompanyView;
import io.crmflow.contacts.ContactView;
import io.crmflow.contacts.Contacts;
import io.crmflow.customfields.CustomField;
import io.crmflow.customfields.CustomFields;
import io.crmflow.platform.web.ApiProblem;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Exports of any contact or company list (the list endpoint's parameters: {@code q}, {@code filter},
 * {@code segmentId}, {@code sort}, …) as CSV, XLSX or (contacts) vCard 4.0, streamed from a database cursor to the
 * response. Column names are the import's field names, so an export imports again without mapping.
 */
@Service
public class Exports {

    public static final List<String> CONTACT_FORMATS = List.of("csv", "xlsx", "vcard");
    public static final List<String> COMPANY_FORMATS = List.of("csv", "xlsx");

    private final Contacts contacts;
    private final Companies companies;
    private final CustomFields customFields;

    Exports(Contacts contacts, Companies companies, CustomFields customFields) {
        this.contacts = contacts;
        this.companies = companies;
        this.customFields = customFields;
    }

    /** Checks the format before anything is written: 400 when the entity has no such export. */
    public static String format(String entity, @Nullable String format) {
        String f = format == null ? "csv" : format;
        List<String> formats = entity.equals("company") ? COMPANY_FORMATS : CONTACT_FORMATS;
        if (!formats.contains(f)) {
            throw ApiProblem.invalid("format", "must be one of " + formats);
        }
        return f;
    }

    public void contacts(String format, Map<String, String> params, OutputStream out) {
        List<String> keys = customKeys("contact");
        try {
            if (format.equals("vcard")) {
                Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                contacts.stream(params, c -> unchecked(() -> VCards.write(c, writer)));
                writer.flush();
                return;
            }
            try (ExportWriter writer =
                    format.equals("xlsx") ? ExportWriter.xlsx(out, "Contacts") : ExportWriter.csv(out)) {
                List<@Nullable String> header = new ArrayList<>(List.of(
                        "id",
                        "firstName",
                        "lastName",
                        "email",
                        "emails",
                        "phone",
                        "phones",
                        "jobTitle",
                        "companyId",
                        "ownerId",
                        "tags",
                        "street",
                        "city",
                        "region",
                        "postalCode",
                        "country",
                        "source",
                        "lifecycleStage",
                        "externalId"));
                keys.forEach(k -> header.add(Targets.CUSTOM + k));
                header.addAll(List.of("createdAt", "updatedAt"));
                writer.row(header);
                contacts.stream(params, c -> unchecked(() -> writer.row(contactRow(c, keys))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void companies(String format, Map<String, String> params, OutputStream out) {
        List<String> keys = customKeys("company");
        try (ExportWriter writer =
                format.equals("xlsx") ? ExportWriter.xlsx(out, "Companies") : ExportWriter.csv(out)) {
            List<@Nullable String> header = new ArrayList<>(List.of(
                    "id",
                    "name",
                    "domain",
                    "industry",
                    "size",
                    "annualRevenue",
                    "currency",
                    "phone",
                    "website",
                    "ownerId",
                    "parentId",
                    "tags",
                    "street",
                    "city",
                    "region",
                    "postalCode",
                    "country",
                    "externalId"));
            keys.forEach(k -> header.add(Targets.CUSTOM + k));
            header.addAll(List.of("createdAt", "updatedAt"));
            writer.row(header);
            companies.stream(params, c -> unchecked(() -> writer.row(companyRow(c, keys))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> customKeys(String entity) {
        return customFields.list(entity).stream().map(CustomField::key).toList();
    }

    private static List<@Nullable String> contactRow(ContactView c, List<String> keys) {
        List<@Nullable String> row = new ArrayList<>(List.of(
                c.id().toString(),
                s(c.firstName()),
                s(c.lastName()),
                s(c.email()),
                String.join("; ", c.emails().stream().skip(1).toList()),
                s(c.phone()),
                String.join("; ", c.phones().stream().skip(1).toList()),
                s(c.jobTitle()),
                s(c.companyId()),
                s(c.ownerId()),
                String.join("; ", c.tags())));
        address(row, c.address());
        row.add(c.source());
        row.add(c.lifecycleStage());
        row.add(c.externalId());
        keys.forEach(k -> row.add(value(c.customFields().get(k))));
        row.add(c.createdAt().toString());
        row.add(c.updatedAt().toString());
        return row;
    }

    private static List<@Nullable String> companyRow(CompanyView c, List<String> keys) {
        List<@Nullable String> row = new ArrayList<>(List.of(
                c.id().toString(),
                c.name(),
                s(c.domain()),
                s(c.industry()),
                s(c.size()),
                c.annualRevenue() == null ? "" : c.annualRevenue().toPlainString(),
                s(c.currency()),
                s(c.phone()),
                s(c.website()),
                s(c.ownerId()),
                s(c.parentId()),
                String.join("; ", c.tags())));
        address(row, c.address());
        row.add(c.externalId());
        keys.forEach(k -> row.add(value(c.customFields().get(k))));
        row.add(c.createdAt().toString());
        row.add(c.updatedAt().toString());
        return row;
    }

    private static void address(List<@Nullable String> row, Map<String, Object> address) {
        for (String part : List.of("street", "city", "region", "postalCode", "country")) {
            row.add(value(address.get(part)));
        }
    }

    private static @Nullable String value(@Nullable Object value) {
        if (value instanceof Collection<?> many) {
            return String.join("; ", many.stream().map(String::valueOf).toList());
        }
        return value == null ? null : value.toString();
    }

    private static String s(@Nullable Object value) {
        return value == null ? "" : value.toString();
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void unchecked(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
