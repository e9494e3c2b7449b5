package org.tuopin.security;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.session.ConcurrentSessionFilter;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.tuopin.access.AppRoles;
import org.tuopin.base.DatabaseUnavailable;
import org.tuopin.security.ui.LoginView;

// JSR-250 stays off: @PermitAll/@RolesAllowed on views are Vaadin's to check, and method security
// would proxy the views. Services carry @PreAuthorize.
@Configuration
@EnableWebSecurity
@EnableMethodSecurity
class SecurityConfig {

    /**
     * What Vaadin 25's client needs (inline bootstrap script and styles, eval in its template engine,
     * its own push connection) and nothing from other origins.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; "
            + "script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' ws: wss:; "
            + "frame-ancestors 'self'; form-action 'self'; base-uri 'self'; object-src 'none'";

    /**
     * Spring Boot Actuator: {@code /actuator/health} (UP or DOWN, no details) for anyone, so that a load
     * balancer or a monitor can ask without an account; every other endpoint only for ADMIN over HTTP Basic,
     * stateless like the API.
     */
    @Bean
    @Order(0)
    SecurityFilterChain actuatorFilterChain(HttpSecurity http, AuthenticationManager authenticationManager,
                                            ApiTokenService tokens, UserDetailsService users) throws Exception {
        http.securityMatcher("/actuator", "/actuator/**")
                .addFilterBefore(new ApiFailureFilter(), BasicAuthenticationFilter.class)
                .addFilterBefore(new ApiTokenFilter(tokens, users), BasicAuthenticationFilter.class)
                .authenticationManager(authenticationManager)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().hasRole(AppRoles.ADMIN));
        return statelessBasic(http);
    }

    /**
     * The REST API: a personal API token, or HTTP Basic (only for accounts without a second factor, DD021) against
     * the same accounts and the same lockout and throttling, stateless
     * (no session, so no CSRF token), 401 without credentials.
     */
    @Bean
    @Order(1)
    SecurityFilterChain apiFilterChain(HttpSecurity http, AuthenticationManager authenticationManager,
                                       JdbcClient jdbc, SecondFactorCheck secondFactor, ApiTokenService tokens,
                                       UserDetailsService users) throws Exception {
        http.securityMatcher("/api/**")
                .addFilterBefore(new ApiFailureFilter(), BasicAuthenticationFilter.class)
                // personal API tokens first; accounts with a second factor have no other way in (DD021)
                .addFilterBefore(new ApiTokenFilter(tokens, users), BasicAuthenticationFilter.class)
                .addFilterAfter(new PasswordChangeRequiredFilter(jdbc), BasicAuthenticationFilter.class)
                .authenticationManager(new RecentApiSignIns(authenticationManager, secondFactor))
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated());
        return statelessBasic(http);
    }

    /**
     * What the API and the actuator share: HTTP Basic, 401 without credentials and 403 without the role (as plain
     * statuses, never the sign-in page), no session and so no CSRF token, the same security headers.
     */
    private static SecurityFilterChain statelessBasic(HttpSecurity http) throws Exception {
        return http.httpBasic(basic -> basic.authenticationEntryPoint(SecurityConfig::unauthorized))
                .exceptionHandling(e -> e.authenticationEntryPoint(SecurityConfig::unauthorized)
                        .accessDeniedHandler((request, response, denied) -> writeStatus(response, 403, "Forbidden")))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .headers(SecurityConfig::headers)
                .build();
    }

    /** The Vaadin UI: form login at /login, every view needs a signed-in user unless it says otherwise. */
    @Bean
    @Order(2)
    SecurityFilterChain uiFilterChain(HttpSecurity http, AuthenticationManager authenticationManager,
                                      SessionRegistry sessionRegistry, SessionValidity sessionValidity)
            throws Exception {
        // the app's own stylesheets are public, like Vaadin's: the login page needs them too
        http.authorizeHttpRequests(auth -> auth.requestMatchers("/styles/**").permitAll());
        // the charting library the dashboard loads as a static script (base/ui/EChart); public code, like Vaadin's own
        http.authorizeHttpRequests(auth -> auth.requestMatchers("/webjars/echarts/**").permitAll());
        http.authenticationManager(authenticationManager);
        http.addFilterBefore(new SameOriginSignInFilter("/login"), UsernamePasswordAuthenticationFilter.class);
        http.sessionManagement(s -> s
                // a new session id at sign-in, so a session id planted before it is worthless after it
                .sessionFixation(fixation -> fixation.changeSessionId())
                // each session remembers account.sessions_valid_from at sign-in, to be ended from any instance (DD021)
                .addSessionAuthenticationStrategy(sessionValidity.atSignIn())
                .maximumSessions(-1).sessionRegistry(sessionRegistry).expiredUrl(SessionValidity.ENDED_URL));
        // before the local registry's check: both end the session the same way, this one also for other instances
        http.addFilterBefore(sessionValidity.filter(), ConcurrentSessionFilter.class);
        http.headers(SecurityConfig::headers);
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class, "/login"))
                .build();
    }

    private static void headers(HeadersConfigurer<HttpSecurity> headers) {
        // Written before the request is handled, not when the response commits: Vaadin's pages are served through a
        // forward to its servlet, and Tomcat 11 finishes a forwarded response on the bare response underneath
        // Spring's wrapper, so headers written at commit time never reached the Vaadin pages (DD020).
        headers.withObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
            @Override
            public <O extends HeaderWriterFilter> O postProcess(O filter) {
                filter.setShouldWriteHeadersEagerly(true);
                return filter;
            }
        });
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                .frameOptions(frame -> frame.sameOrigin())
                .contentTypeOptions(options -> { });
    }

    @Bean
    AuthenticationManager authenticationManager(UserDetailsService users, PasswordCheckLimit encoder,
                                                LoginAttempts attempts, SecondFactorCheck secondFactor) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        return new ProviderManager(new ProtectedAuthenticationProvider(passwords, encoder, attempts, secondFactor));
    }

    /** Knows every open UI session, so that an administrator can end those of an account. */
    @Bean
    SessionRegistry sessionRegistry() {
        return new SessionRegistryImpl();
    }

    @Bean
    HttpSessionEventPublisher httpSessionEventPublisher() {
        return new HttpSessionEventPublisher();
    }

    /**
     * Writes 401 itself instead of {@code sendError}: an error dispatch would pass through the UI's filter
     * chain and turn into a redirect to the login page.
     */
    private static void unauthorized(HttpServletRequest request, HttpServletResponse response,
                                     AuthenticationException e) throws IOException {
        if (DatabaseUnavailable.busy(e) || e instanceof SignInBusyException) {
            // overloaded, not down and not the caller's fault: try again shortly
            response.setHeader("Retry-After", "5");
            writeStatus(response, 503, "Service Unavailable: the server is busy, please try again in a few seconds");
            return;
        }
        if (DatabaseUnavailable.causedBy(e)) {
            // the account could not be read: not the caller's fault, and worth trying again
            response.setHeader("Retry-After", "30");
            writeStatus(response, 503, "Service Unavailable: the database cannot be reached");
            return;
        }
        if (e instanceof PasswordAloneRefused refused) {
            if (refused.status() == 401) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"Tuopin\"");
            }
            writeStatus(response, refused.status(), refused.getMessage());
            return;
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"Tuopin\", charset=\"UTF-8\"");
        writeStatus(response, 401, "Unauthorized");
    }

    private static void writeStatus(HttpServletResponse response, int status, String error) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"" + error + "\"}");
    }

    /**
     * bcrypt at cost 12 behind a delegating encoder: stored hashes carry their scheme ({bcrypt}...),
     * so the scheme can change later without invalidating existing passwords.
     */
    @Bean
    PasswordCheckLimit passwordEncoder(@Value("${tuopin.security.bcrypt-cost:12}") int cost,
                                    @Value("${tuopin.security.password-checks:0}") int concurrentChecks,
                                    @Value("${tuopin.security.password-check-wait:30s}") Duration checkWait) {
        PasswordEncoder bcrypt = new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(cost)));
        // a crowd signing in at once queues for the cores instead of taking all of them (0: as many as the cores),
        // and a flood of guesses from unknown addresses cannot take the lane of the offices' daily sign-ins
        return new PasswordCheckLimit(bcrypt, concurrentChecks > 0 ? concurrentChecks : PasswordCheckLimit.defaultPermits(),
                checkWait);
    }
}
