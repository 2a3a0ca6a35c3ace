package io.crmflow.platform;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans every module shares. */
@Configuration(proxyBeanMethods = false)
class PlatformConfiguration {

    /** The one clock: UTC, replaceable in tests. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
