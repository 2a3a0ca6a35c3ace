package io.crmflow.identity.web;

import io.crmflow.identity.Accounts;
import io.crmflow.identity.CurrentUser;
import io.crmflow.platform.web.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Browser sign-in, sign-up and sign-out pages. */
@Controller
class AuthPages {

    private final Accounts accounts;
    private final SessionSignIn sessions;
    private final RequestCache requestCache;
    private final PendingSignIns pending;

    AuthPages(Accounts accounts, SessionSignIn sessions, RequestCache requestCache, PendingSignIns pending) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.requestCache = requestCache;
        this.pending = pending;
    }

    /** Form fields of the sign-in page. */
    record SignInForm(
            @Nullable String email,
            @Nullable String password,
            @Nullable String rememberMe) {}

    @GetMapping("/signin")
    String signInPage(
            @RequestParam(required = false) @Nullable String signedOut,
            @RequestParam(required = false) @Nullable String passwordReset,
            Model model) {
        model.addAttribute("form", new SignInForm(null, null, null));
        model.addAttribute("signedOut", signedOut != null);
        model.addAttribute("passwordReset", passwordReset != null);
        return "identity/signin";
    }

    @PostMapping("/signin")
    String signIn(
            @ModelAttribute("form") SignInForm form,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        pending.forget(request);
        try {
            var checked = accounts.checkPassword(form.email(), form.password(), request.getRemoteAddr());
            if (checked.secondFactorNeeded()) {
                pending.remember(request, checked, form.rememberMe() != null);
                return "redirect:/signin/two-factor";
            }
            CurrentUser user = accounts.completeSignIn(checked, null, request.getRemoteAddr());
            return openAndReturn(user, form.rememberMe() != null, request, response);
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            model.addAttribute(
                    "error", problem.errors().isEmpty() ? problem.getMessage() : "Enter your email and password.");
            return "identity/signin";
        }
    }

    /** The second step for users with two-factor sign-in; only within 5 minutes of a correct password. */
    @GetMapping("/signin/two-factor")
    String twoFactorPage(HttpServletRequest request) {
        return pending.find(request).isPresent() ? "identity/signin-two-factor" : "redirect:/signin";
    }

    @PostMapping("/signin/two-factor")
    String twoFactor(
            @RequestParam(required = false) @Nullable String code,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var waiting = pending.find(request);
        if (waiting.isEmpty()) {
            return "redirect:/signin";
        }
        try {
            CurrentUser user = accounts.completeSignIn(waiting.get().checked(), code, request.getRemoteAddr());
            pending.forget(request);
            return openAndReturn(user, waiting.get().rememberMe(), request, response);
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            model.addAttribute("error", problem.getMessage());
            return "identity/signin-two-factor";
        }
    }

    /** Opens the session (new id, new CSRF token) and goes where the user was headed before signing in. */
    private String openAndReturn(
            CurrentUser user, boolean rememberMe, HttpServletRequest request, HttpServletResponse response) {
        var saved = requestCache.getRequest(request, response);
        sessions.open(user, rememberMe, request, response, "password");
        requestCache.removeRequest(request, response);
        return "redirect:" + (saved == null ? "/" : localPath(saved.getRedirectUrl()));
    }

    @GetMapping("/signup")
    String signUpPage(Model model) {
        model.addAttribute("form", new Accounts.SignUp(null, null, null, null));
        return "identity/signup";
    }

    @PostMapping("/signup")
    String signUp(
            @ModelAttribute("form") Accounts.SignUp form,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        try {
            CurrentUser user = accounts.signUp(form);
            var saved = requestCache.getRequest(request, response);
            sessions.open(user, false, request, response, "password");
            requestCache.removeRequest(request, response);
            return "redirect:" + (saved == null ? "/" : localPath(saved.getRedirectUrl()));
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            model.addAttribute("error", problem.getMessage());
            model.addAttribute("fieldErrors", FieldErrors.of(problem));
            return "identity/signup";
        }
    }

    @PostMapping("/signout")
    String signOut(HttpServletRequest request, HttpServletResponse response) {
        sessions.close(request, response);
        return "redirect:/signin?signedOut";
    }

    /** Only ever redirect within CRMFlow. */
    private static String localPath(String url) {
        var uri = java.net.URI.create(url);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }
}
