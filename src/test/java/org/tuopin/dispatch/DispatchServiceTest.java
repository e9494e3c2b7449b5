package org.tuopin.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.tuopin.SignIn;
import org.tuopin.TuopinTest;
import org.tuopin.audit.AuditQueryService;
import org.tuopin.audit.AuditQueryService.AuditFilter;
import org.tuopin.audit.AuditQueryService.AuditRow;
import org.tuopin.base.NotFoundException;
import org.tuopin.base.SortKey;
import org.tuopin.base.TuopinI18NProvider;
import org.tuopin.base.UserError;

/**
 * The roster's checks, scope, overlap rules, totals and audit, against the real database. No test transaction:
 * refused saves must roll back on their own, and the audit chain's head is locked by each save; postings are
 * removed after each test instead (the audit entries stay, as they must).
 */
@TuopinTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DispatchServiceTest {

    static final String ZHAOJUE = "513431";
    static final String BUTUO = "513429";
    static final String LUSHUI = "533301";
    static final LocalDate Y2016 = LocalDate.of(2016, 1, 1);
    static final TuopinI18NProvider TEXTS = new TuopinI18NProvider();

    @Autowired
    DispatchService dispatches;
    @Autowired
    AuditQueryService audit;
    @Autowired
    UserDetailsService users;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    void provinceClerk() {
        jdbc.sql("""
                        insert into account(username, display_name, password_hash, role, region_id)
                        select 'dispatch.sichuan', 'Sichuan office', password_hash, 'DATA_ENTRY',
                               (select id from region where code = '510000')
                        from account where username = 'admin' on conflict (username) do nothing""").update();
    }

    @AfterAll
    void removeProvinceClerk() {
        jdbc.sql("delete from account where username = 'dispatch.sichuan'").update();
    }

    @AfterEach
    void removePostings() {
        SecurityContextHolder.clearContext();
        jdbc.sql("delete from official_posting").update();
    }

    void signIn(String username) {
        SignIn.as(users, username);
    }

    static PostingInput posting(String no, DispatchRole role, String region, LocalDate start, LocalDate end) {
        return new PostingInput(no, "Aniu Ashi", OfficialRank.SECTION_LEVEL, "Sichuan Provincial Department of Finance",
                role, region, "Sanhe Village", start, end, true, null);
    }

    static PostingInput firstSecretary(String no, LocalDate start, LocalDate end) {
        return posting(no, DispatchRole.FIRST_SECRETARY, ZHAOJUE, start, end);
    }

    static String english(UserError e) {
        return TEXTS.getTranslation(e.messageKey(), Locale.ENGLISH, e.args());
    }

    UserError refused(Runnable save) {
        try {
            save.run();
        } catch (UserError e) {
            return e;
        }
        throw new AssertionError("the save was accepted");
    }

    // ----- the brief's "done when"

    @Test
    void theLiangshanClerkRecordsAFirstSecretaryInZhaojueAndIsRefusedAnOverlappingSecondOne() {
        signIn("clerk.liangshan");
        PostingRow first = dispatches.create(firstSecretary("51343119800101001X", LocalDate.of(2017, 3, 1),
                LocalDate.of(2019, 2, 28)));
        assertThat(first.regionCode()).isEqualTo(ZHAOJUE);
        assertThat(first.role()).isEqualTo(DispatchRole.FIRST_SECRETARY);
        assertThat(first.createdBy()).isEqualTo("clerk.liangshan");

        UserError e = refused(() -> dispatches.create(new PostingInput("51343119800101001x", "Aniu Ashi",
                OfficialRank.SECTION_LEVEL, "Liangshan Prefecture Committee", DispatchRole.FIRST_SECRETARY, BUTUO,
                "Tuojue Village", LocalDate.of(2018, 6, 1), null, false, null)));
        assertThat(e.messageKey()).isEqualTo("dispatch.error.firstSecretaryOverlap");
        assertThat(english(e)).contains("posting " + first.id(), "513431 Zhaojue County, Sanhe Village",
                "2017-03-01 – 2019-02-28", "51343119800101001X");
        // a Chinese reader reads the place in Chinese
        assertThat(e.args()).contains(new org.tuopin.base.LocalName("513431 Zhaojue County, Sanhe Village",
                "513431 昭觉县，Sanhe Village"));
        assertThat(dispatches.count(PostingFilter.none())).isEqualTo(1);
    }

    // ----- field checks

    @Test
    void theIdNumberIsTrimmedUpperCasedAndPlain() {
        signIn("clerk.liangshan");
        PostingRow row = dispatches.create(firstSecretary("  51343119800101001x ", Y2016, null));
        assertThat(row.officialNo()).isEqualTo("51343119800101001X");
        assertThat(refused(() -> dispatches.create(firstSecretary("   ", Y2016, null))).messageKey())
                .isEqualTo("dispatch.error.officialNoMissing");
        assertThat(refused(() -> dispatches.create(firstSecretary("5134 3119", Y2016, null))).messageKey())
                .isEqualTo("dispatch.error.officialNo");
        assertThat(refused(() -> dispatches.create(firstSecretary("A".repeat(33), Y2016, null))).messageKey())
                .isEqualTo("dispatch.error.officialNo");
        assertThat(dispatches.create(posting("B".repeat(32), DispatchRole.TECHNICAL_TALENT, ZHAOJUE, Y2016, null))
                .officialNo()).hasSize(32);
    }

    @Test
    void everyRequiredFieldIsCheckedWithItsOwnMessage() {
        signIn("clerk.liangshan");
        PostingInput ok = firstSecretary("P-1", Y2016, null);
        record Bad(String key, PostingInput input) {
        }
        List<Bad> bad = List.of(
                new Bad("dispatch.error.name", new PostingInput("P-1", " ", ok.rank(), ok.sendingOrganisation(), ok.role(),
                        ok.regionCode(), null, Y2016, null, false, null)),
                new Bad("dispatch.error.name", new PostingInput("P-1", "x".repeat(101), ok.rank(), ok.sendingOrganisation(),
                        ok.role(), ok.regionCode(), null, Y2016, null, false, null)),
                new Bad("dispatch.error.rank", new PostingInput("P-1", "Aniu", null, ok.sendingOrganisation(), ok.role(),
                        ok.regionCode(), null, Y2016, null, false, null)),
                new Bad("dispatch.error.organisation", new PostingInput("P-1", "Aniu", ok.rank(), "", ok.role(),
                        ok.regionCode(), null, Y2016, null, false, null)),
                new Bad("dispatch.error.role", new PostingInput("P-1", "Aniu", ok.rank(), "Finance", null,
                        ok.regionCode(), null, Y2016, null, false, null)),
                new Bad("dispatch.error.region", new PostingInput("P-1", "Aniu", ok.rank(), "Finance", ok.role(),
                        null, null, Y2016, null, false, null)),
                new Bad("dispatch.error.village", new PostingInput("P-1", "Aniu", ok.rank(), "Finance", ok.role(),
                        ZHAOJUE, "v".repeat(201), Y2016, null, false, null)),
                new Bad("dispatch.error.start", new PostingInput("P-1", "Aniu", ok.rank(), "Finance", ok.role(),
                        ZHAOJUE, null, null, null, false, null)),
                new Bad("dispatch.error.note", new PostingInput("P-1", "Aniu", ok.rank(), "Finance", ok.role(),
                        ZHAOJUE, null, Y2016, null, false, "n".repeat(1001))));
        for (Bad b : bad) {
            assertThat(refused(() -> dispatches.create(b.input())).messageKey()).as(b.key()).isEqualTo(b.key());
        }
        assertThat(dispatches.count(PostingFilter.none())).isZero();
        assertThat(dispatches.create(ok).village()).isEqualTo("Sanhe Village");
    }

    @Test
    void theEndMayNotLieBeforeTheStartButMayBeTheSameDay() {
        signIn("clerk.liangshan");
        UserError e = refused(() -> dispatches.create(firstSecretary("E-1", LocalDate.of(2018, 5, 2),
                LocalDate.of(2018, 5, 1))));
        assertThat(e.messageKey()).isEqualTo("dispatch.error.endBeforeStart");
        assertThat(english(e)).contains("2018-05-01", "2018-05-02");
        PostingRow oneDay = dispatches.create(firstSecretary("E-1", LocalDate.of(2018, 5, 2), LocalDate.of(2018, 5, 2)));
        assertThat(oneDay.endDate()).isEqualTo(oneDay.startDate());
        // the database refuses it too, whatever the service lets through
        assertThatThrownBy(() -> jdbc.sql("update official_posting set end_date = date '2018-05-01' where id = :id")
                .param("id", oneDay.id()).update()).isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void aPostingGoesToACountyOrPrefectureInsideTheClerksScope() {
        signIn("dispatch.sichuan");
        UserError province = refused(() -> dispatches.create(posting("R-1", DispatchRole.TECHNICAL_TALENT, "510000",
                Y2016, null)));
        assertThat(province.messageKey()).isEqualTo("dispatch.error.regionLevel");
        assertThat(dispatches.create(posting("R-1", DispatchRole.TECHNICAL_TALENT, "513400", Y2016, null)).regionCode())
                .isEqualTo("513400");
        assertThatThrownBy(() -> dispatches.create(posting("R-2", DispatchRole.TECHNICAL_TALENT, LUSHUI, Y2016, null)))
                .isInstanceOf(NotFoundException.class);

        signIn("clerk.liangshan");
        assertThatThrownBy(() -> dispatches.create(posting("R-3", DispatchRole.TECHNICAL_TALENT, LUSHUI, Y2016, null)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> dispatches.create(posting("R-3", DispatchRole.TECHNICAL_TALENT, "nowhere", Y2016, null)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void onlyLocalOfficesRecord() {
        for (String reader : List.of("auditor", "supervisor", "admin")) {
            signIn(reader);
            assertThatThrownBy(() -> dispatches.create(firstSecretary("A-1", Y2016, null)))
                    .as(reader).isInstanceOf(AccessDeniedException.class);
        }
        assertThat(jdbc.sql("select count(*) from official_posting").query(Long.class).single()).isZero();
    }

    // ----- scope

    @Test
    void liangshansClerkSeesNoNujiangPostingAnywhere() {
        signIn("clerk.nujiang");
        PostingRow nujiang = dispatches.create(posting("N-1", DispatchRole.FIRST_SECRETARY, LUSHUI, Y2016, null));
        signIn("clerk.liangshan");
        PostingRow liangshan = dispatches.create(firstSecretary("L-1", Y2016, null));

        assertThat(dispatches.find(PostingFilter.none(), List.of(), 0, 50)).extracting(PostingRow::id)
                .containsExactly(liangshan.id());
        assertThat(dispatches.count(PostingFilter.none())).isEqualTo(1);
        DispatchTotals totals = dispatches.totals(PostingFilter.none());
        assertThat(totals.total()).isEqualTo(1);
        assertThat(totals.role(DispatchRole.FIRST_SECRETARY)).isEqualTo(1);
        List<PostingRow> streamed = new ArrayList<>();
        dispatches.stream(PostingFilter.none(), streamed::add);
        assertThat(streamed).extracting(PostingRow::id).containsExactly(liangshan.id());
        assertThatThrownBy(() -> dispatches.get(nujiang.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> dispatches.find(new PostingFilter("533300", null, null, null, null), List.of(), 0, 10))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> dispatches.update(nujiang.id(), nujiang.version(),
                posting("N-1", DispatchRole.FIRST_SECRETARY, ZHAOJUE, Y2016, null)))
                .isInstanceOf(NotFoundException.class);

        signIn("auditor");
        assertThat(dispatches.count(PostingFilter.none())).isEqualTo(2);
        assertThat(dispatches.get(nujiang.id()).regionCode()).isEqualTo(LUSHUI);
        signIn("supervisor.sichuan");
        assertThat(dispatches.find(PostingFilter.none(), List.of(), 0, 50)).extracting(PostingRow::id)
                .containsExactly(liangshan.id());
    }

    @Test
    void gridPagesFollowAnAccountThatIsMovedOrDisabledAtOnce() {
        // the grid's pages run with the scope last read for the account, checked inside their own statement
        signIn("clerk.nujiang");
        PostingRow nujiang = dispatches.create(posting("N-1", DispatchRole.FIRST_SECRETARY, LUSHUI, Y2016, null));
        signIn("clerk.liangshan");
        PostingRow zhaojue = dispatches.create(firstSecretary("L-1", Y2016, null));
        PostingRow butuo = dispatches.create(posting("L-2", DispatchRole.FIRST_SECRETARY, BUTUO, Y2016, null));
        jdbc.sql("""
                insert into account(username, display_name, password_hash, role, region_id)
                select 'roster.reader', 'Roster reader', password_hash, 'AUDITOR', (select id from region where code = '513400')
                from account where username = 'admin'""").update();
        try {
            signIn("roster.reader");
            assertThat(gridPage()).containsExactlyInAnyOrder(zhaojue.id(), butuo.id());

            moveReader("533300");
            assertThat(gridPage()).as("moved to Nujiang").containsExactly(nujiang.id());
            moveReader(BUTUO);
            assertThat(gridPage()).as("moved from Nujiang into Butuo").containsExactly(butuo.id());
            moveReader("513400");
            assertThat(gridPage()).as("back to Liangshan").containsExactlyInAnyOrder(zhaojue.id(), butuo.id());
            assertThat(dispatches.page(new PostingFilter(null, DispatchRole.TEMPORARY_POST, null, null, null),
                    List.of(), null, 0, 50).rows()).as("nothing of that role, the account unchanged").isEmpty();

            jdbc.sql("update account set enabled = false where username = 'roster.reader'").update();
            assertThatThrownBy(this::gridPage).as("disabled")
                    .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        } finally {
            jdbc.sql("delete from account where username = 'roster.reader'").update();
        }
    }

    void moveReader(String regionCode) {
        jdbc.sql("update account set region_id = (select id from region where code = :code) where username = 'roster.reader'")
                .param("code", regionCode).update();
    }

    List<Long> gridPage() {
        return dispatches.page(PostingFilter.none(), List.of(), null, 0, 50).rows().stream().map(PostingRow::id).toList();
    }

    @Test
    void aConflictOutsideTheClerksScopeIsNamedWithoutShowingIt() {
        signIn("clerk.nujiang");
        dispatches.create(posting("X-1", DispatchRole.FIRST_SECRETARY, LUSHUI, Y2016, null));
        signIn("clerk.liangshan");
        UserError e = refused(() -> dispatches.create(firstSecretary("X-1", LocalDate.of(2018, 1, 1), null)));
        assertThat(e.messageKey()).isEqualTo("dispatch.error.firstSecretaryElsewhere");
        assertThat(english(e)).contains("X-1", "outside your area").doesNotContain("Lushui", "533301", "Sanhe");
        UserError team = refused(() -> dispatches.create(posting("X-1", DispatchRole.VILLAGE_WORK_TEAM, ZHAOJUE,
                LocalDate.of(2018, 1, 1), null)));
        assertThat(team.messageKey()).isEqualTo("dispatch.error.overlapElsewhere");
    }

    // ----- overlap rules

    @Test
    void firstSecretaryPostingsOfOnePersonMayFollowButNotOverlap() {
        signIn("clerk.liangshan");
        dispatches.create(firstSecretary("F-1", LocalDate.of(2016, 1, 1), LocalDate.of(2017, 12, 31)));
        assertThat(dispatches.create(firstSecretary("F-1", LocalDate.of(2018, 1, 1), LocalDate.of(2019, 12, 31)))
                .startDate()).isEqualTo(LocalDate.of(2018, 1, 1));
        // the last day of one and the first of the other coincide: an overlap of one day
        assertThat(refused(() -> dispatches.create(firstSecretary("F-1", LocalDate.of(2019, 12, 31), null))).messageKey())
                .isEqualTo("dispatch.error.firstSecretaryOverlap");
        // a posting still running overlaps everything after its start
        dispatches.create(firstSecretary("F-1", LocalDate.of(2020, 1, 1), null));
        assertThat(refused(() -> dispatches.create(firstSecretary("F-1", LocalDate.of(2030, 1, 1), null))).messageKey())
                .isEqualTo("dispatch.error.firstSecretaryOverlap");
        // another person on the same dates is no conflict
        assertThat(dispatches.create(firstSecretary("F-2", LocalDate.of(2016, 1, 1), null)).officialNo()).isEqualTo("F-2");
    }

    @Test
    void postingsOfOnePersonOverlapOnlyWhereOneIsATemporaryPost() {
        signIn("clerk.liangshan");
        PostingRow secretary = dispatches.create(firstSecretary("T-1", LocalDate.of(2018, 1, 1), LocalDate.of(2019, 12, 31)));
        UserError e = refused(() -> dispatches.create(posting("T-1", DispatchRole.VILLAGE_WORK_TEAM, BUTUO,
                LocalDate.of(2019, 1, 1), null)));
        assertThat(e.messageKey()).isEqualTo("dispatch.error.overlap");
        assertThat(english(e)).contains("posting " + secretary.id(), "513431 Zhaojue County");
        assertThat(refused(() -> dispatches.create(posting("T-1", DispatchRole.TECHNICAL_TALENT, BUTUO,
                LocalDate.of(2017, 1, 1), LocalDate.of(2018, 1, 1)))).messageKey()).isEqualTo("dispatch.error.overlap");

        PostingRow temporary = dispatches.create(posting("T-1", DispatchRole.TEMPORARY_POST, BUTUO,
                LocalDate.of(2019, 1, 1), null));
        assertThat(temporary.role()).isEqualTo(DispatchRole.TEMPORARY_POST);
        assertThat(dispatches.create(posting("T-1", DispatchRole.TEMPORARY_POST, ZHAOJUE, LocalDate.of(2019, 6, 1),
                null)).role()).isEqualTo(DispatchRole.TEMPORARY_POST);
        // a later first-secretary posting may overlap the temporary posts, not the first one
        assertThat(dispatches.create(firstSecretary("T-1", LocalDate.of(2020, 1, 1), null)).startDate())
                .isEqualTo(LocalDate.of(2020, 1, 1));
    }

    @Test
    void editingIntoAnOverlapIsRefusedAndEditingOutOfItIsAccepted() {
        signIn("clerk.liangshan");
        PostingRow first = dispatches.create(firstSecretary("ED-1", LocalDate.of(2016, 1, 1), null));
        assertThat(refused(() -> dispatches.create(firstSecretary("ED-1", LocalDate.of(2018, 1, 1), null))).messageKey())
                .isEqualTo("dispatch.error.firstSecretaryOverlap");

        // ending the first posting makes room for the second
        PostingRow ended = dispatches.update(first.id(), first.version(), firstSecretary("ED-1", LocalDate.of(2016, 1, 1),
                LocalDate.of(2017, 12, 31)));
        assertThat(ended.endDate()).isEqualTo(LocalDate.of(2017, 12, 31));
        assertThat(ended.version()).isEqualTo(first.version() + 1);
        PostingRow second = dispatches.create(firstSecretary("ED-1", LocalDate.of(2018, 1, 1), null));

        // lengthening the first again would overlap the second: refused, nothing changed
        UserError e = refused(() -> dispatches.update(ended.id(), ended.version(), firstSecretary("ED-1",
                LocalDate.of(2016, 1, 1), LocalDate.of(2018, 6, 30))));
        assertThat(english(e)).contains("posting " + second.id());
        assertThat(dispatches.get(ended.id()).endDate()).isEqualTo(LocalDate.of(2017, 12, 31));

        // moving the second posting's start into the first, or re-numbering another person onto it: refused
        PostingRow other = dispatches.create(firstSecretary("ED-2", LocalDate.of(2017, 1, 1), null));
        assertThat(refused(() -> dispatches.update(other.id(), other.version(), firstSecretary("ED-1",
                LocalDate.of(2017, 1, 1), null))).messageKey()).isEqualTo("dispatch.error.firstSecretaryOverlap");
        // turning it into a temporary post makes the same dates acceptable
        PostingRow temporary = dispatches.update(other.id(), other.version(), posting("ED-1", DispatchRole.TEMPORARY_POST,
                ZHAOJUE, LocalDate.of(2017, 1, 1), null));
        assertThat(temporary.officialNo()).isEqualTo("ED-1");
        // and back into a first secretary is refused again
        assertThat(refused(() -> dispatches.update(temporary.id(), temporary.version(), firstSecretary("ED-1",
                LocalDate.of(2017, 1, 1), null))).messageKey()).isEqualTo("dispatch.error.firstSecretaryOverlap");
        // an edit of a posting does not collide with itself
        assertThat(dispatches.update(second.id(), second.version(), firstSecretary("ED-1", LocalDate.of(2018, 2, 1), null))
                .startDate()).isEqualTo(LocalDate.of(2018, 2, 1));
    }

    @Test
    void aStaleVersionIsRefusedNotOverwritten() {
        signIn("clerk.liangshan");
        PostingRow row = dispatches.create(firstSecretary("V-1", Y2016, null));
        dispatches.update(row.id(), row.version(), firstSecretary("V-1", Y2016, LocalDate.of(2018, 1, 1)));
        assertThatThrownBy(() -> dispatches.update(row.id(), row.version(), firstSecretary("V-1", Y2016,
                LocalDate.of(2019, 1, 1)))).isInstanceOf(ObjectOptimisticLockingFailureException.class);
        assertThat(dispatches.get(row.id()).endDate()).isEqualTo(LocalDate.of(2018, 1, 1));
        // the refused attempt is audited, in a transaction of its own
        assertThat(jdbc.sql("""
                        select count(*) from audit_entry where action = 'STALE_REFUSED' and entity_type = 'dispatch'
                          and entity_id = :id""").param("id", String.valueOf(row.id())).query(Integer.class).single())
                .isEqualTo(1);
    }

    @Test
    void twoConcurrentOverlappingSavesForOnePersonLeaveExactlyOne() throws Exception {
        UserDetails clerk = users.loadUserByUsername("clerk.liangshan");
        CountDownLatch go = new CountDownLatch(1);
        Callable<Object> save = () -> {
            SecurityContextHolder.getContext().setAuthentication(
                    UsernamePasswordAuthenticationToken.authenticated(clerk, null, clerk.getAuthorities()));
            go.await();
            try {
                return dispatches.create(firstSecretary("RACE-1", Y2016, null));
            } catch (UserError refused) {
                return refused;
            } finally {
                SecurityContextHolder.clearContext();
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(save));
            }
            go.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> f : results) {
                outcomes.add(f.get());
            }
            assertThat(outcomes).filteredOn(PostingRow.class::isInstance).hasSize(1);
            assertThat(outcomes).filteredOn(UserError.class::isInstance).hasSize(3);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("select count(*) from official_posting where official_no = 'RACE-1'").query(Long.class)
                .single()).isEqualTo(1);
    }

    @Test
    void theDatabaseRefusesOverlapsThatBypassTheService() {
        signIn("clerk.liangshan");
        PostingRow row = dispatches.create(firstSecretary("DB-1", Y2016, null));
        String copy = """
                insert into official_posting(official_no, name, rank, sending_organisation, role, region_id, region_path,
                                             start_date, created_by, updated_by)
                select official_no, name, rank, sending_organisation, :role, region_id, region_path,
                       date '2018-01-01', 'test', 'test' from official_posting where id = :id""";
        assertThatThrownBy(() -> jdbc.sql(copy).param("role", "VILLAGE_WORK_TEAM").param("id", row.id()).update())
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("official_posting_no_overlap");
        assertThat(jdbc.sql(copy).param("role", "TEMPORARY_POST").param("id", row.id()).update()).isEqualTo(1);
        // the copied path must be the region's own
        assertThatThrownBy(() -> jdbc.sql("update official_posting set region_path = 'CN/' where id = :id")
                .param("id", row.id()).update()).isInstanceOf(DataIntegrityViolationException.class);
    }

    // ----- audit

    @Test
    void everyChangeIsInTheAuditTrailWithBeforeAndAfter() {
        signIn("clerk.liangshan");
        PostingRow row = dispatches.create(firstSecretary("AU-1", Y2016, null));
        dispatches.update(row.id(), row.version(), new PostingInput("AU-1", "Aniu Ashi", OfficialRank.DIVISION_LEVEL,
                "Sichuan Provincial Department of Finance", DispatchRole.FIRST_SECRETARY, ZHAOJUE, "Sanhe Village", Y2016,
                LocalDate.of(2019, 6, 30), true, null));
        // saving without a change writes nothing
        PostingRow current = dispatches.get(row.id());
        dispatches.update(current.id(), current.version(), new PostingInput("AU-1", "Aniu Ashi",
                OfficialRank.DIVISION_LEVEL, "Sichuan Provincial Department of Finance", DispatchRole.FIRST_SECRETARY,
                ZHAOJUE, "Sanhe Village", Y2016, LocalDate.of(2019, 6, 30), true, null));

        signIn("auditor");
        List<AuditRow> history = audit.find(AuditFilter.history(DispatchService.ENTITY_TYPE, String.valueOf(row.id())),
                0, 10);
        assertThat(history).hasSize(2);
        AuditRow update = history.getFirst();
        AuditRow create = history.getLast();
        assertThat(create.action().name()).isEqualTo("CREATE");
        assertThat(create.account()).isEqualTo("clerk.liangshan");
        assertThat(create.regionCode()).isEqualTo(ZHAOJUE);
        assertThat(create.changes()).anySatisfy(c -> {
            assertThat(c.field()).isEqualTo("officialNo");
            assertThat(c.before()).isNull();
            assertThat(c.after()).isEqualTo("AU-1");
        });
        assertThat(update.action().name()).isEqualTo("UPDATE");
        assertThat(update.changes()).extracting(c -> c.field() + ": " + c.before() + " -> " + c.after())
                .containsExactlyInAnyOrder("rank: SECTION_LEVEL -> DIVISION_LEVEL", "endDate: null -> 2019-06-30");
    }

    // ----- filters, sorting, totals

    void recordSample() {
        signIn("clerk.liangshan");
        dispatches.create(new PostingInput("S-1", "Bai Lin", OfficialRank.DIVISION_LEVEL, "Sichuan Provincial Department of Finance",
                DispatchRole.FIRST_SECRETARY, ZHAOJUE, "Sanhe", LocalDate.of(2016, 1, 1), LocalDate.of(2017, 12, 31), true,
                null));
        dispatches.create(new PostingInput("S-2", "Chen Yu", OfficialRank.SECTION_LEVEL, "Sichuan University",
                DispatchRole.FIRST_SECRETARY, BUTUO, "Tuojue", LocalDate.of(2017, 6, 1), null, false, null));
        dispatches.create(new PostingInput("S-3", "Di Ga", OfficialRank.SECTION_LEVEL, "Liangshan Prefecture Committee",
                DispatchRole.VILLAGE_WORK_TEAM, ZHAOJUE, "Sanhe", LocalDate.of(2018, 1, 1), null, true, null));
        dispatches.create(new PostingInput("S-4", "Erhei Qubi", OfficialRank.YOUNG_DIVISION_RESERVE,
                "Sichuan Provincial Department of Education", DispatchRole.TEMPORARY_POST, ZHAOJUE, null,
                LocalDate.of(2019, 3, 1), LocalDate.of(2020, 2, 29), false, null));
        dispatches.create(new PostingInput("S-5", "Fu Ma", OfficialRank.OTHER, "China Agricultural University",
                DispatchRole.TECHNICAL_TALENT, BUTUO, null, LocalDate.of(2015, 9, 1), LocalDate.of(2016, 8, 31), false,
                null));
    }

    @Test
    void totalsByRoleAndRankMatchTheHandCount() {
        recordSample();
        DispatchTotals all = dispatches.totals(PostingFilter.none());
        assertThat(all.total()).isEqualTo(5);
        assertThat(all.role(DispatchRole.FIRST_SECRETARY)).isEqualTo(2);
        assertThat(all.role(DispatchRole.VILLAGE_WORK_TEAM)).isEqualTo(1);
        assertThat(all.role(DispatchRole.TEMPORARY_POST)).isEqualTo(1);
        assertThat(all.role(DispatchRole.TECHNICAL_TALENT)).isEqualTo(1);
        assertThat(all.role(DispatchRole.COMPREHENSIVE_ASSISTANCE_TEAM)).isZero();
        assertThat(all.rank(OfficialRank.SECTION_LEVEL)).isEqualTo(2);
        assertThat(all.rank(OfficialRank.DIVISION_LEVEL)).isEqualTo(1);
        assertThat(all.rank(OfficialRank.YOUNG_DIVISION_RESERVE)).isEqualTo(1);
        assertThat(all.rank(OfficialRank.OTHER)).isEqualTo(1);
        assertThat(all.rank(OfficialRank.DEPARTMENT_LEVEL)).isZero();

        // serving on 2018-01-01: S-2 (open since 2017-06) and S-3 (starts that day); S-1 ended the day before
        DispatchTotals serving = dispatches.totals(new PostingFilter(null, null, null, null, LocalDate.of(2018, 1, 1)));
        assertThat(serving.total()).isEqualTo(2);
        assertThat(serving.role(DispatchRole.FIRST_SECRETARY)).isEqualTo(1);
        assertThat(serving.role(DispatchRole.VILLAGE_WORK_TEAM)).isEqualTo(1);
        assertThat(serving.rank(OfficialRank.SECTION_LEVEL)).isEqualTo(2);
        // the last day of a posting still counts
        assertThat(dispatches.totals(new PostingFilter(null, null, null, null, LocalDate.of(2017, 12, 31))).total())
                .isEqualTo(2);

        DispatchTotals zhaojue = dispatches.totals(new PostingFilter(ZHAOJUE, null, null, null, null));
        assertThat(zhaojue.total()).isEqualTo(3);
        assertThat(dispatches.totals(new PostingFilter("513400", null, null, null, null)).total()).isEqualTo(5);
        assertThat(dispatches.totals(new PostingFilter(null, DispatchRole.FIRST_SECRETARY, OfficialRank.SECTION_LEVEL,
                null, null)).total()).isEqualTo(1);
        // organisation: a case-insensitive prefix, with LIKE's wildcards taken literally
        DispatchTotals sichuan = dispatches.totals(new PostingFilter(null, null, null, "sichuan provincial", null));
        assertThat(sichuan.total()).isEqualTo(2);
        assertThat(dispatches.totals(new PostingFilter(null, null, null, "%", null)).total()).isZero();
        assertThat(dispatches.totals(new PostingFilter(null, null, null, "University", null)).total()).isZero();
    }

    @Test
    void filtersAndSortingRunInTheDatabase() {
        recordSample();
        assertThat(dispatches.find(PostingFilter.none(), List.of(new SortKey("name", true)), 0, 10))
                .extracting(PostingRow::name).containsExactly("Fu Ma", "Erhei Qubi", "Di Ga", "Chen Yu", "Bai Lin");
        assertThat(dispatches.find(PostingFilter.none(), List.of(new SortKey("start", false)), 1, 2))
                .extracting(PostingRow::officialNo).containsExactly("S-1", "S-2");
        assertThat(dispatches.find(PostingFilter.none(), List.of(), 0, 10)).extracting(PostingRow::officialNo)
                .as("newest first").containsExactly("S-4", "S-3", "S-2", "S-1", "S-5");
        // ended postings sort by their end, the ones still serving after them
        assertThat(dispatches.find(PostingFilter.none(), List.of(new SortKey("end", false)), 0, 10))
                .extracting(PostingRow::officialNo).containsExactly("S-5", "S-1", "S-4", "S-2", "S-3");
        assertThat(dispatches.find(new PostingFilter(BUTUO, null, null, null, null), List.of(new SortKey("name", false)),
                0, 10)).extracting(PostingRow::officialNo).containsExactly("S-2", "S-5");
        assertThat(dispatches.find(PostingFilter.none(), List.of(new SortKey("no such column; drop table x", false)), 0, 10))
                .hasSize(5);
        assertThat(dispatches.count(new PostingFilter(null, DispatchRole.TEMPORARY_POST, null, null, null))).isEqualTo(1);
    }
}
