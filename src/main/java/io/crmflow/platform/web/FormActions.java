package io.crmflow.platform.web;

import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Post/redirect/get for server-rendered forms: run the action, then go back with a notice or the problem. */
public final class FormActions {

    private FormActions() {}

    /** Runs the action and redirects to {@code back}, flashing {@code notice} or the problem's {@link ApiProblem#summary()}. */
    public static String attempt(RedirectAttributes flash, String back, @Nullable String notice, Runnable action) {
        try {
            action.run();
            if (notice != null) {
                flash.addFlashAttribute("notice", notice);
            }
        } catch (ApiProblem problem) {
            flash.addFlashAttribute("error", problem.summary());
        }
        return "redirect:" + back;
    }
}
