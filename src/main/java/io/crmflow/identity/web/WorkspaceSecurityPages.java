package io.crmflow.identity.web;

import io.crmflow.identity.Workspaces;
import io.crmflow.platform.web.ApiProblem;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Settings → Security (OWNER, ADMIN): whether members must use two-factor sign-in. */
@Controller
class WorkspaceSecurityPages {

    private final Workspaces workspaces;

    WorkspaceSecurityPages(Workspaces workspaces) {
        this.workspaces = workspaces;
    }

    @GetMapping("/settings/security")
    String page(Model model) {
        model.addAttribute("workspace", workspaces.current());
        return "identity/security";
    }

    @PostMapping("/settings/security")
    String save(@RequestParam(required = false) @Nullable String requireTwoFactor, RedirectAttributes flash) {
        try {
            var saved = workspaces.update(new Workspaces.WorkspaceChange(null, requireTwoFactor != null));
            flash.addFlashAttribute(
                    "notice",
                    saved.requireTwoFactor()
                            ? "Members now need two-factor sign-in."
                            : "Two-factor sign-in is now optional.");
        } catch (ApiProblem problem) {
            flash.addFlashAttribute("error", problem.getMessage());
        }
        return "redirect:/settings/security";
    }
}
