package io.crmflow.apikeys;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.csrf.CsrfFilter;

/**
 * Plugs API key authentication into the application's one security filter chain (defined by identity) without
 * identity knowing about API keys: Spring Security applies {@code Customizer<HttpSecurity>} beans to every chain.
 */
@Configuration(proxyBeanMethods = false)
class ApiKeySecurity {

    @Bean
    Customizer<HttpSecurity> apiKeySecurityCustomizer(ApiKeyAuthentication keys) {
        return http -> {
            try {
                http.addFilterBefore(new ApiKeyFilter(keys), CsrfFilter.class)
                        // no CSRF token for requests a valid key authenticated: browsers never send the key by
                        // themselves, so there is no ambient credential to forge
                        .csrf(csrf -> csrf.ignoringRequestMatchers(
                                request -> request.getAttribute(ApiKeyFilter.AUTHENTICATED_ATTRIBUTE) != null));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
