package io.crmflow.identity.web;

import io.crmflow.identity.Accounts;
import io.crmflow.identity.devices.LinkedDevices;
import io.crmflow.platform.tenancy.TenantPrincipal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs a linked phone back in from its device cookie when it has no session: on GET requests only, so that the
 * CSRF token rotation of a new session never breaks a form being submitted.
 */
final class DeviceSignInFilter extends OncePerRequestFilter {

    static final String DEVICE_COOKIE = "CRMFLOW_DEVICE";

    private final LinkedDevices devices;
    private final Accounts accounts;
    private final SessionSignIn sessions;

    DeviceSignInFilter(LinkedDevices devices, Accounts accounts, SessionSignIn sessions) {
        this.devices = devices;
        this.accounts = accounts;
        this.sessions = sessions;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod()) || request.getCookies() == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        // signed in already, by a session or an API key: a device cookie alongside never replaces that
        boolean signedIn = authentication != null && authentication.getPrincipal() instanceof TenantPrincipal;
        if (!signedIn) {
            Arrays.stream(request.getCookies())
                    .filter(c -> c.getName().equals(DEVICE_COOKIE))
                    .map(Cookie::getValue)
                    .findFirst()
                    .flatMap(devices::recognise)
                    .ifPresent(device -> sessions.open(
                            accounts.userForDevice(device.userId()),
                            false,
                            request,
                            response,
                            "device",
                            device.deviceId()));
        }
        chain.doFilter(request, response);
    }
}
