package org.tuopin.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.transaction.support.TransactionTemplate;
import org.tuopin.SignIn;
import org.tuopin.TuopinTest;
import org.tuopin.base.NotFoundException;
import org.tuopin.figures.ReportModels.ValueInput;

/**
 * Every state, every action, every role, on a county report of Liangshan: the resulting state, or why
 * the action was refused. Each case runs in a transaction that is rolled back.
 */
@TuopinTest
class ReportStateMachineTest {

    enum Action { SAVE, SUBMIT, APPROVE, RETURN, REOPEN }

    static final String REGION = "513431";
    static final int YEAR = 2020;
    static final Map<String, String> PLAYERS = Map.of("DATA_ENTRY", "clerk.liangshan", "SUPERVISOR",
            "supervisor.sichuan", "AUDITOR", "auditor", "ADMIN", "admin");
    static final List<String> STATES = List.of("NOT_STARTED", "DRAFT", "SUBMITTED", "RETURNED", "APPROVED");

    /** The table: what an office or a supervisor gets from each action in each state. */
    static String expected(String role, String state, Action action) {
        boolean office = role.equals("DATA_ENTRY");
        boolean supervisor = role.equals("SUPERVISOR");
        return switch (action) {
            case SAVE -> !office ? "DENIED" : switch (state) {
                case "NOT_STARTED", "DRAFT" -> "DRAFT";
                case "RETURNED" -> "RETURNED";
                default -> "LOCKED";
            };
            case SUBMIT -> !office ? "DENIED" : switch (state) {
                case "NOT_STARTED" -> "NOT_FOUND";
                case "DRAFT", "RETURNED" -> "SUBMITTED";
                default -> "LOCKED";
            };
            case APPROVE -> !supervisor ? "DENIED" : switch (state) {
                case "NOT_STARTED" -> "NOT_FOUND";
                case "SUBMITTED" -> "APPROVED";
                default -> "LOCKED";
            };
            case RETURN -> !supervisor ? "DENIED" : switch (state) {
                case "NOT_STARTED" -> "NOT_FOUND";
                case "SUBMITTED" -> "RETURNED";
                default -> "LOCKED";
            };
            case REOPEN -> !supervisor ? "DENIED" : switch (state) {
                case "NOT_STARTED" -> "NOT_FOUND";
                case "APPROVED" -> "RETURNED";
                default -> "LOCKED";
            };
        };
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (String state : STATES) {
            for (Action action : Action.values()) {
                for (String role : PLAYERS.keySet()) {
                    all.add(Arguments.of(state, action, role));
                }
            }
        }
        return all.stream();
    }

    @Autowired
    ReportService reports;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    UserDetailsService users;

    @ParameterizedTest(name = "{0}: {1} by {2}")
    @MethodSource("cases")
    void theActionEndsAsTheTableSays(String state, Action action, String role) {
        SignIn.as(users, PLAYERS.get(role));
        try {
            String outcome = transactions.execute(status -> {
                status.setRollbackOnly();
                long version = state.equals("NOT_STARTED") ? 0 : jdbc.sql("""
                                insert into yearly_report(region_id, year, state, created_by, updated_by)
                                values ((select id from region where code = :code), :year, :state, 't', 't')
                                returning version""")
                        .param("code", REGION).param("year", YEAR).param("state", state).query(Long.class).single();
                long transitionsBefore = transitions();
                String result;
                try {
                    ReportModels.Report after = switch (action) {
                        case SAVE -> reports.saveDraft(REGION, YEAR, version, List.of(new ValueInput(
                                Metric.PEOPLE_RELOCATED, ValueKind.ACTUAL, new BigDecimal("1200"), "county office", null)));
                        case SUBMIT -> reports.submit(REGION, YEAR, version, null);
                        case APPROVE -> reports.approve(REGION, YEAR, version);
                        case RETURN -> reports.returnReport(REGION, YEAR, version, "sources missing");
                        case REOPEN -> reports.reopen(REGION, YEAR, version, "a correction came in");
                    };
                    result = after.state().name();
                    boolean moved = !result.equals(state.equals("NOT_STARTED") ? "DRAFT" : state);
                    assertThat(transitions() - transitionsBefore).as("one transition per change of state")
                            .isEqualTo(moved ? 1 : 0);
                } catch (AccessDeniedException e) {
                    result = "DENIED";
                } catch (ReportLocked e) {
                    result = "LOCKED";
                } catch (NotFoundException e) {
                    result = "NOT_FOUND";
                }
                return result;
            });
            assertThat(outcome).isEqualTo(expected(role, state, action));
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private long transitions() {
        return jdbc.sql("""
                        select count(*) from report_transition t join yearly_report yr on yr.id = t.report_id
                        join region r on r.id = yr.region_id where r.code = :code and yr.year = :year""")
                .param("code", REGION).param("year", YEAR).query(Long.class).single();
    }
}
