package io.crmflow.identity.web;

import io.crmflow.identity.Accounts;
import io.crmflow.identity.TwoFactor;
import io.crmflow.identity.Workspaces;
import io.crmflow.identity.devices.LinkedDevices;
import io.crmflow.platform.web.Problems;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.session.security.web.authentication.SpringSessionRememberMeServices;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * Who may do what. Sessions live in PostgreSQL (Spring Session JDBC); every state-changing browser request needs a
 * CSRF token; roles come from the database on every request. VIEWER never writes; members and invitations are for
 * OWNER and ADMIN.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    static final String SESSION_COOKIE = "CRMFLOW_SESSION";
    private static final String[] PUBLIC = {
        "/signin",
        "/signin/two-factor",
        "/signup",
        "/forgot-password",
        "/reset-password/**",
        "/verify-email/**",
        "/css/**",
        "/js/**",
        "/img/**",
        "/webjars/**",
        "/favicon.svg",
        "/error",
        "/actuator/health/**",
        "/actuator/info",
        "/actuator/prometheus",
        "/v3/api-docs/**",
        "/swagger-ui/**",
        "/swagger-ui.html",
        "/api/v1/auth/**",
        "/api/v1/ping",
        "/link/**"
    };
    private static final String[] MANAGERS = {"OWNER", "ADMIN"};
    private static final String[] WRITERS = {"OWNER", "ADMIN", "MEMBER"};

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http,
            CookieCsrfTokenRepository csrfTokens,
            SecurityContextRepository contexts,
            RequestCache requestCache,
            Workspaces workspaces,
            LinkedDevices devices,
            Accounts accounts,
            SessionSignIn sessions,
            TwoFactor twoFactor)
            throws Exception {
        RequestMatcher api = request -> request.getRequestURI().startsWith("/api/");
        http.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens).csrfTokenRequestHandler(new CsrfTokens()))
                .securityContext(context -> context.securityContextRepository(contexts))
                .requestCache(cache -> cache.requestCache(requestCache))
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests.requestMatchers(PUBLIC)
                        .permitAll()
                        // invitation links open for newcomers too: they create their account there
                        .requestMatchers(HttpMethod.GET, "/invitations/*")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/invitations/*/signup")
                        .permitAll()
                        .requestMatchers(
                                "/api/v1/audit-events/**",
                                "/settings/audit/**",
                                "/api/v1/admin/**",
                                "/settings/outbox/**",
                                "/settings/security/**",
                                "/api/v1/webhooks/**",
                                "/settings/webhooks/**")
                        .hasAnyRole(MANAGERS)
                        .requestMatchers(HttpMethod.GET, "/api/v1/invitations")
                        .hasAnyRole(MANAGERS)
                        .requestMatchers(HttpMethod.GET, "/api/**")
                        .authenticated()
                        // personal actions: any signed-in user, whatever their role here
                        .requestMatchers(
                                "/api/v1/me/**",
                                "/api/v1/me",
                                "/api/v1/workspaces",
                                "/api/v1/invitations/accept",
                                "/api/v1/notifications/**")
                        .authenticated()
                        .requestMatchers(
                                "/api/v1/members/**",
                                "/api/v1/invitations/**",
                                "/api/v1/workspace",
                                "/api/v1/workspace/**")
                        .hasAnyRole(MANAGERS)
                        .requestMatchers("/api/**")
                        .hasAnyRole(WRITERS)
                        .anyRequest()
                        .authenticated())
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(apiUnauthorized(), api)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/signin"), r -> true)
                        .defaultAccessDeniedHandlerFor(apiForbidden(), api)
                        .defaultAccessDeniedHandlerFor(new AccessDeniedHandlerImpl(), r -> true))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline';"
                                        + " img-src 'self' data:; frame-ancestors 'none'; form-action 'self'"))
                        .referrerPolicy(referrer -> referrer.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter
                                        .ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
                .addFilterBefore(
                        new DeviceSignInFilter(devices, accounts, sessions), AnonymousAuthenticationFilter.class)
                .addFilterBefore(new MembershipAuthoritiesFilter(workspaces, contexts), AuthorizationFilter.class)
                // after the membership filter (same position, added later): it needs the workspace settled on
                .addFilterBefore(new TwoFactorEnforcementFilter(twoFactor), AuthorizationFilter.class);
        return http.build();
    }

    private static AuthenticationEntryPoint apiUnauthorized() {
        return (request, response, e) -> Problems.write(
                request, response, HttpStatus.UNAUTHORIZED, "unauthenticated", "Sign in to use this endpoint");
    }

    private static AccessDeniedHandler apiForbidden() {
        return (request, response, e) -> {
            if (e instanceof CsrfException) {
                Problems.write(
                        request,
                        response,
                        HttpStatus.FORBIDDEN,
                        "csrf_invalid",
                        "Missing or invalid CSRF token: get one from GET /api/v1/auth/csrf and send it as X-XSRF-TOKEN");
            } else {
                Problems.write(
                        request, response, HttpStatus.FORBIDDEN, "forbidden", "Your role does not allow this action");
            }
        };
    }

    /** Argon2id with Spring Security's current parameters. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }

    /** CSRF token in cookie {@code XSRF-TOKEN}, read back from header {@code X-XSRF-TOKEN} or form field. */
    @Bean
    CookieCsrfTokenRepository csrfTokenRepository() {
        var repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
        repository.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
        return repository;
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    @Bean
    RequestCache requestCache() {
        var cache = new HttpSessionRequestCache();
        cache.setRequestMatcher(request -> HttpMethod.GET.matches(request.getMethod())
                && !request.getRequestURI().startsWith("/api/")
                && !request.getRequestURI().startsWith("/error"));
        return cache;
    }

    /** At sign-in: a new session id (no fixation) and a new CSRF token. */
    @Bean
    SessionAuthenticationStrategy sessionAuthenticationStrategy(CookieCsrfTokenRepository csrfTokens) {
        return new CompositeSessionAuthenticationStrategy(
                List.of(new ChangeSessionIdAuthenticationStrategy(), new CsrfAuthenticationStrategy(csrfTokens)));
    }

    /** HttpOnly, SameSite=Lax, Secure whenever the request came over TLS; long-lived only with remember-me. */
    @Bean
    CookieSerializer cookieSerializer(@Value("${crmflow.security.remember-me-days}") int rememberMeDays) {
        int rememberMeSeconds = rememberMeDays * 24 * 3600;
        var serializer = new DefaultCookieSerializer() {
            @Override
            public void writeCookieValue(CookieValue cookieValue) {
                // the cookie lives exactly as long as the remembered session, not "forever"
                if (cookieValue.getRequest().getAttribute(SpringSessionRememberMeServices.REMEMBER_ME_LOGIN_ATTR)
                                != null
                        && cookieValue.getCookieMaxAge() < 0) {
                    cookieValue.setCookieMaxAge(rememberMeSeconds);
                }
                super.writeCookieValue(cookieValue);
            }
        };
        serializer.setCookieName(SESSION_COOKIE);
        serializer.setUseHttpOnlyCookie(true);
        serializer.setSameSite("Lax");
        serializer.setRememberMeRequestAttribute(SpringSessionRememberMeServices.REMEMBER_ME_LOGIN_ATTR);
        return serializer;
    }
}
