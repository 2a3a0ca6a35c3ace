package io.crmflow.imports;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/contacts/exports?format=csv|xlsx|vcard} and {@code /api/v1/companies/exports?format=csv|xlsx},
 * with the list endpoint's filter parameters; the file is streamed as it is read.
 */
@RestController
class ExportsController {

    private final Exports exports;

    ExportsController(Exports exports) {
        this.exports = exports;
    }

    @GetMapping({"/api/v1/contacts/exports", "/api/v1/companies/exports"})
    void export(HttpServletRequest request, @RequestParam Map<String, String> params, HttpServletResponse response)
            throws IOException {
        String entities = request.getRequestURI().startsWith("/api/v1/companies/") ? "companies" : "contacts";
        String entity = Imports.entity(entities);
        String format = Exports.format(entity, params.get("format"));
        Map<String, String> filter = new HashMap<>(params);
        filter.remove("format");
        String extension = format.equals("vcard") ? "vcf" : format;
        response.setContentType(
                switch (format) {
                    case "xlsx" -> "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
                    case "vcard" -> "text/vcard;charset=UTF-8";
                    default -> "text/csv;charset=UTF-8";
                });
        response.setHeader("Content-Disposition", "attachment; filename=\"" + entities + "." + extension + "\"");
        if (entity.equals("contact")) {
            exports.contacts(format, filter, response.getOutputStream());
        } else {
            exports.companies(format, filter, response.getOutputStream());
        }
    }
}
