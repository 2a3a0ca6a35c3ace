package io.crmflow.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors raised outside a controller (unknown path, wrong method, filters): problem+json under {@code /api}, a
 * friendly page everywhere else.
 */
@Controller
class ErrorPageController implements ErrorController {

    @RequestMapping("/error")
    Object error(HttpServletRequest request) {
        HttpStatus status = status(request);
        if (isApi(request) || !acceptsHtml(request)) {
            String code =
                    status == HttpStatus.NOT_FOUND ? "not_found" : status.name().toLowerCase();
            return ResponseEntity.status(status)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.asMap(Problems.problem(status, code, status.getReasonPhrase(), request)));
        }
        var page = new ModelAndView("platform/error", status);
        page.addObject("status", status.value());
        page.addObject("reason", status.getReasonPhrase());
        page.addObject("requestId", RequestInfo.of(request).requestId());
        return page;
    }

    private static boolean acceptsHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }

    private static boolean isApi(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return uri != null && uri.toString().startsWith("/api/");
    }

    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }
}
