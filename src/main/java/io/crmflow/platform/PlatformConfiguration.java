package io.crmflow.platform;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Beans every module shares. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PlatformConfiguration {

    /** The one clock: UTC, replaceable in tests. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
