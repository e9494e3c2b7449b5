package org.tuopin.security;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.hamcrest.Matchers.endsWith;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.tuopin.TuopinTest;

/** Nobody reaches a view without signing in: every route sends an anonymous visitor to /login. */
@TuopinTest
class AnonymousAccessTest {

    @Autowired
    MockMvc mvc;

    @ParameterizedTest
    @ValueSource(strings = {"/", "/figures", "/regions"})
    void anonymousVisitorsAreSentToTheLoginPage(String route) throws Exception {
        mvc.perform(get(route)).andExpect(status().is3xxRedirection()).andExpect(header().string("Location", endsWith("/login")));
    }
}
