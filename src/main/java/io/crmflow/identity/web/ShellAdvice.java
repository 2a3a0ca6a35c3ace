package io.crmflow.identity.web;

import io.crmflow.identity.Accounts;
import io.crmflow.identity.CurrentUser;
import io.crmflow.identity.Views;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every page the layout's data: who is signed in, the current workspace and role, the switcher's list. */
@ControllerAdvice(annotations = Controller.class)
class ShellAdvice {

    private final Accounts accounts;

    ShellAdvice(Accounts accounts) {
        this.accounts = accounts;
    }

    @ModelAttribute("shell")
    Views.@Nullable Me shell() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
            return accounts.me(user);
        }
        return null;
    }
}
