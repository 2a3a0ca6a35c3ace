package io.crmflow.platform.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page after sign-in. */
@Controller
class DashboardController {

    @GetMapping("/")
    String dashboard() {
        return "platform/dashboard";
    }
}
