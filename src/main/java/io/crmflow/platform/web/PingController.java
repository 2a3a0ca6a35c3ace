package io.crmflow.platform.web;

import io.crmflow.platform.tenancy.TenantPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/ping}: lets an API client check that CRMFlow answers and whether its credentials work. */
@RestController
class PingController {

    record Pong(boolean ok, boolean authenticated) {}

    @GetMapping("/api/v1/ping")
    Pong ping() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return new Pong(true, authentication != null && authentication.getPrincipal() instanceof TenantPrincipal);
    }
}
