package io.crmflow.records;

import java.util.Map;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/workspace/record-visibility}: {@code workspace} (everyone sees every record) or {@code private}
 * (members see their own and shared records; OWNERs and ADMINs see all). Changing it is for managers (URL rule).
 */
@RestController
class RecordSettingsController {

    private final RecordAccess access;

    RecordSettingsController(RecordAccess access) {
        this.access = access;
    }

    @GetMapping("/api/v1/workspace/record-visibility")
    @Transactional(readOnly = true)
    public Map<String, String> get() {
        return Map.of("recordVisibility", access.workspaceVisibility());
    }

    @PutMapping("/api/v1/workspace/record-visibility")
    @Transactional
    public Map<String, String> set(@RequestBody Map<String, String> body) {
        access.setWorkspaceVisibility(String.valueOf(body.get("recordVisibility")));
        return get();
    }
}
