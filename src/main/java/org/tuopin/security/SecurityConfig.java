package org.tuopin.security;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.tuopin.security.ui.LoginView;

@Configuration
@EnableWebSecurity
// JSR-250 stays off: @PermitAll/@RolesAllowed on views are Vaadin's to check, and method security
// would proxy the views. Services carry @PreAuthorize.
@EnableMethodSecurity
class SecurityConfig {

    /**
     * The REST API: HTTP Basic against the same accounts, stateless (no session, so no CSRF token),
     * 401 without credentials.
     */
    @Bean
    @Order(1)
    SecurityFilterChain apiFilterChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(SecurityConfig::unauthorized))
                .exceptionHandling(e -> e.authenticationEntryPoint(SecurityConfig::unauthorized)
                        .accessDeniedHandler((request, response, denied) -> writeStatus(response, 403, "Forbidden")))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }

    /**
     * Writes 401 itself instead of {@code sendError}: an error dispatch would pass through the UI's filter
     * chain and turn into a redirect to the login page.
     */
    private static void unauthorized(HttpServletRequest request, HttpServletResponse response,
                                     AuthenticationException e) throws IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"Tuopin\", charset=\"UTF-8\"");
        writeStatus(response, 401, "Unauthorized");
    }

    private static void writeStatus(HttpServletResponse response, int status, String error) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"" + error + "\"}");
    }

    /** The Vaadin UI: form login at /login, every view needs a signed-in user unless it says otherwise. */
    @Bean
    @Order(2)
    SecurityFilterChain uiFilterChain(HttpSecurity http) throws Exception {
        // the app's own stylesheets are public, like Vaadin's: the login page needs them too
        http.authorizeHttpRequests(auth -> auth.requestMatchers("/styles/**").permitAll());
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class, "/login"))
                .build();
    }

    /**
     * bcrypt at cost 12 behind a delegating encoder: stored hashes carry their scheme ({bcrypt}...),
     * so the scheme can change later without invalidating existing passwords.
     */
    @Bean
    PasswordEncoder passwordEncoder(@Value("${tuopin.security.bcrypt-cost:12}") int cost) {
        return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(cost)));
    }
}
