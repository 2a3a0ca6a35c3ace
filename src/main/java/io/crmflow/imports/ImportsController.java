package io.crmflow.imports;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /api/v1/contacts/imports} and {@code /api/v1/companies/imports} (writers only, as every API write), and
 * {@code /api/v1/import-mappings}.
 */
@RestController
class ImportsController {

    // literal paths: a {entities} variable would tie with /api/v1/contacts/{id} and lose
    private static final String CONTACTS = "/api/v1/contacts/imports";
    private static final String COMPANIES = "/api/v1/companies/imports";

    private final Imports imports;
    private final ImportMappings mappings;

    ImportsController(Imports imports, ImportMappings mappings) {
        this.imports = imports;
        this.mappings = mappings;
    }

    @PostMapping(
            path = {CONTACTS, COMPANIES},
            consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Imports.ImportView start(
            HttpServletRequest request,
            @RequestPart("file") MultipartFile file,
            @RequestParam(required = false) @Nullable String mapping,
            @RequestParam(required = false) @Nullable String mode,
            @RequestParam(required = false) @Nullable String matchBy,
            @RequestParam(required = false) @Nullable String defaultRegion) {
        return imports.start(entity(request), upload(file), new Imports.Options(mapping, mode, matchBy, defaultRegion));
    }

    @PostMapping(
            path = {CONTACTS + "/preview", COMPANIES + "/preview"},
            consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Imports.Preview preview(
            HttpServletRequest request,
            @RequestPart("file") MultipartFile file,
            @RequestParam(required = false) @Nullable String mapping,
            @RequestParam(required = false) @Nullable String mode,
            @RequestParam(required = false) @Nullable String matchBy,
            @RequestParam(required = false) @Nullable String defaultRegion) {
        return imports.preview(
                entity(request), upload(file), new Imports.Options(mapping, mode, matchBy, defaultRegion));
    }

    @GetMapping({CONTACTS, COMPANIES})
    List<Imports.ImportView> recent(HttpServletRequest request) {
        return imports.recent(entity(request));
    }

    @GetMapping({CONTACTS + "/{id}", COMPANIES + "/{id}"})
    Imports.ImportView get(HttpServletRequest request, @PathVariable UUID id) {
        return imports.get(entity(request), id);
    }

    @PostMapping({CONTACTS + "/{id}/cancel", COMPANIES + "/{id}/cancel"})
    Imports.ImportView cancel(HttpServletRequest request, @PathVariable UUID id) {
        return imports.cancel(entity(request), id);
    }

    /** The row errors as CSV ({@code row,column,message}), streamed. */
    @GetMapping({CONTACTS + "/{id}/errors", COMPANIES + "/{id}/errors"})
    void errors(HttpServletRequest request, @PathVariable UUID id, HttpServletResponse response) throws IOException {
        String entity = entity(request);
        imports.get(entity, id); // 404 before anything is written
        response.setContentType("text/csv;charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"import-" + id + "-errors.csv\"");
        imports.writeErrors(entity, id, response.getWriter());
    }

    @GetMapping("/api/v1/import-mappings")
    List<ImportMappings.MappingView> mappings(@RequestParam(required = false) @Nullable String entity) {
        return mappings.list(entity == null ? null : Imports.entity(entity));
    }

    @PostMapping("/api/v1/import-mappings")
    @ResponseStatus(HttpStatus.CREATED)
    ImportMappings.MappingView saveMapping(@RequestBody ImportMappings.MappingInput body) {
        return mappings.save(body);
    }

    @DeleteMapping("/api/v1/import-mappings/{id}")
    ResponseEntity<Void> deleteMapping(@PathVariable UUID id) {
        mappings.delete(id);
        return ResponseEntity.noContent().build();
    }

    private static String entity(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/api/v1/companies/") ? "company" : "contact";
    }

    private static Imports.Upload upload(MultipartFile file) {
        String name = file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename();
        return new Imports.Upload(name, file.getSize(), file);
    }
}
