package io.crmflow.platform.web;

import org.springframework.web.servlet.ModelAndView;

/** The friendly error page for a {@link ApiProblem} thrown while rendering a page (a 404 for foreign ids, …). */
public final class ErrorPages {

    private ErrorPages() {}

    public static ModelAndView of(ApiProblem problem) {
        var page = new ModelAndView("platform/error", problem.status());
        page.addObject("status", problem.status().value());
        page.addObject("reason", problem.status().getReasonPhrase());
        return page;
    }
}
