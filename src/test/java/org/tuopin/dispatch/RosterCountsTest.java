package org.tuopin.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.tuopin.SignIn;
import org.tuopin.TuopinTest;
import org.tuopin.base.UserError;
import org.tuopin.figures.ReportingYearService;

/**
 * The roster counts ({@code roster_count}, V10, DD012) against a brute-force recount from the postings: after a
 * random sequence of saves through the service, after concurrent saves of different people, and after a
 * reporting year is added. No test transaction: the saves commit as in production; postings are removed after
 * each test (which the counts follow too).
 */
@TuopinTest
class RosterCountsTest {

    /** Liangshan's prefecture and three of its counties: postings go to counties or prefectures. */
    static final List<String> REGIONS = List.of("513400", "513431", "513429", "513432");
    static final String ZHAOJUE = "513431";
    static final String BUTUO = "513429";
    static final int NEW_YEAR = 2031;

    @Autowired
    DispatchService dispatches;
    @Autowired
    ReportingYearService years;
    @Autowired
    UserDetailsService users;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void removePostings() {
        SecurityContextHolder.clearContext();
        jdbc.sql("delete from official_posting where official_no like 'RC-%'").update();
        jdbc.sql("delete from roster_count where year = :y").param("y", NEW_YEAR).update();
        jdbc.sql("delete from reporting_year where year = :y").param("y", NEW_YEAR).update();
    }

    void signIn(String username) {
        SignIn.as(users, username);
    }

    record Key(String region, int year, String role, String rank) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            return Comparator.comparing(Key::region).thenComparingInt(Key::year).thenComparing(Key::role)
                    .thenComparing(Key::rank).compare(this, o);
        }
    }

    /** The counters as the database keeps them, without empty ones. */
    Map<Key, Long> summary() {
        Map<Key, Long> counts = new TreeMap<>();
        jdbc.sql("""
                        select r.code, c.year, c.role, c.rank, c.officials from roster_count c
                        join region r on r.id = c.region_id and r.path = c.region_path where c.officials > 0""")
                .query(rs -> {
                    counts.put(new Key(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4)), rs.getLong(5));
                });
        return counts;
    }

    record Posting(long id, String no, String role, String rank, String region, LocalDate start, LocalDate end) {
        boolean runsIn(int year) {
            return !start.isAfter(LocalDate.of(year, 12, 31)) && (end == null || !end.isBefore(LocalDate.of(year, 1, 1)));
        }
    }

    /**
     * The rule written out by hand: in each reporting year, an official counts once per role and rank, in the
     * region of his latest-starting posting with that role and rank that ran in the year (ties: higher id).
     */
    Map<Key, Long> bruteForce() {
        List<Posting> postings = jdbc.sql("""
                        select p.id, p.official_no, p.role, p.rank, r.code, p.start_date, p.end_date
                        from official_posting p join region r on r.id = p.region_id""")
                .query((rs, n) -> new Posting(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class)))
                .list();
        List<Integer> reportingYears = jdbc.sql("select year from reporting_year").query(Integer.class).list();
        Map<String, Posting> latest = new HashMap<>();
        Map<String, Integer> yearOf = new HashMap<>();
        for (Posting p : postings) {
            for (int year : reportingYears) {
                if (p.runsIn(year)) {
                    String person = p.no() + "/" + year + "/" + p.role() + "/" + p.rank();
                    yearOf.put(person, year);
                    latest.merge(person, p, (a, b) -> Comparator.comparing(Posting::start)
                            .thenComparingLong(Posting::id).compare(a, b) >= 0 ? a : b);
                }
            }
        }
        Map<Key, Long> counts = new TreeMap<>();
        latest.forEach((person, p) -> counts.merge(new Key(p.region(), yearOf.get(person), p.role(), p.rank()), 1L,
                Long::sum));
        return counts;
    }

    /** The country's count per year, role and rank: the number of distinct people, by hand. */
    Map<String, Long> distinctPeople() {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.sql("""
                        select y.year, p.role, p.rank, count(distinct p.official_no) from official_posting p
                        join reporting_year y on p.start_date <= make_date(y.year, 12, 31)
                             and (p.end_date is null or p.end_date >= make_date(y.year, 1, 1))
                        group by 1, 2, 3""")
                .query(rs -> {
                    counts.put(rs.getInt(1) + "/" + rs.getString(2) + "/" + rs.getString(3), rs.getLong(4));
                });
        return counts;
    }

    Map<String, Long> summedUp(Map<Key, Long> counts) {
        Map<String, Long> sums = new TreeMap<>();
        counts.forEach((k, n) -> sums.merge(k.year() + "/" + k.role() + "/" + k.rank(), n, Long::sum));
        return sums;
    }

    void assertExact(String after) {
        Map<Key, Long> expected = bruteForce();
        assertThat(summary()).as(after).isEqualTo(expected);
        // additive: the regions' counts add up to the number of distinct people of the country
        assertThat(summedUp(expected)).as(after).isEqualTo(distinctPeople());
    }

    static PostingInput input(String no, DispatchRole role, OfficialRank rank, String region, LocalDate start,
                              LocalDate end) {
        return new PostingInput(no, "Roster Count", rank, "Sichuan Provincial Department of Finance", role, region,
                "Sanhe Village", start, end, false, null);
    }

    @Test
    void afterARandomSequenceOfSavesTheCountsEqualABruteForceRecountInEveryRegionAndYear() {
        signIn("clerk.liangshan");
        Random random = new Random(20201231);
        DispatchRole[] roles = DispatchRole.values();
        OfficialRank[] ranks = {OfficialRank.SECTION_LEVEL, OfficialRank.DIVISION_LEVEL};
        List<PostingRow> saved = new ArrayList<>();
        int accepted = 0;
        int updates = 0;
        for (int step = 0; step < 120; step++) {
            String no = "RC-" + random.nextInt(8);
            DispatchRole role = roles[random.nextInt(roles.length)];
            OfficialRank rank = ranks[random.nextInt(ranks.length)];
            String region = REGIONS.get(random.nextInt(REGIONS.size()));
            LocalDate start = LocalDate.of(2011 + random.nextInt(11), 1 + random.nextInt(12), 1 + random.nextInt(28));
            LocalDate end = random.nextInt(3) == 0 ? null : start.plusDays(random.nextInt(3 * 365));
            try {
                if (saved.isEmpty() || random.nextBoolean()) {
                    saved.add(dispatches.create(input(no, role, rank, region, start, end)));
                } else {
                    // change one or several things of an existing posting: dates, open end, role, rank, region, person
                    int at = random.nextInt(saved.size());
                    PostingRow old = dispatches.get(saved.get(at).id());
                    PostingInput changed = input(random.nextInt(4) == 0 ? no : old.officialNo(),
                            random.nextInt(3) == 0 ? role : old.role(), random.nextInt(3) == 0 ? rank : old.rank(),
                            random.nextInt(3) == 0 ? region : old.regionCode(),
                            random.nextInt(2) == 0 ? start : old.startDate(),
                            random.nextInt(2) == 0 ? end : old.endDate());
                    saved.set(at, dispatches.update(old.id(), old.version(), changed));
                    updates++;
                }
                accepted++;
            } catch (UserError refused) {
                // an overlap or an end before the start: refused, nothing changed
            }
            if (step % 10 == 9) {
                assertExact("after step " + step);
            }
        }
        // the sequence did exercise both paths
        assertThat(accepted).isGreaterThan(40);
        assertThat(updates).isGreaterThan(10);
        assertThat(summary()).isNotEmpty();

        // deleting behind the service's back (as clean-ups do) keeps the counts exact too
        jdbc.sql("delete from official_posting where official_no in ('RC-1', 'RC-2')").update();
        assertExact("after a delete");
    }

    @Test
    void anOpenEndedPostingCountsInAReportingYearAddedLater() {
        signIn("clerk.liangshan");
        dispatches.create(input("RC-OPEN", DispatchRole.FIRST_SECRETARY, OfficialRank.SECTION_LEVEL, ZHAOJUE,
                LocalDate.of(2019, 3, 1), null));
        dispatches.create(input("RC-ENDED", DispatchRole.FIRST_SECRETARY, OfficialRank.SECTION_LEVEL, ZHAOJUE,
                LocalDate.of(2019, 3, 1), LocalDate.of(2020, 12, 31)));
        Key future = new Key(ZHAOJUE, NEW_YEAR, "FIRST_SECRETARY", "SECTION_LEVEL");
        assertThat(summary()).doesNotContainKey(future);

        signIn("admin");
        years.addYear(NEW_YEAR, false);
        assertThat(summary()).containsEntry(future, 1L);
        assertExact("after the year was added");

        // and a posting saved afterwards is counted in the new year as well
        signIn("clerk.liangshan");
        dispatches.create(input("RC-LATER", DispatchRole.FIRST_SECRETARY, OfficialRank.SECTION_LEVEL, ZHAOJUE,
                LocalDate.of(2025, 1, 1), null));
        assertThat(summary()).containsEntry(future, 2L);
        assertExact("after a save in the new year");
    }

    @Test
    void concurrentSavesOfDifferentPeopleInOneCountyAreAllCounted() throws Exception {
        UserDetails clerk = users.loadUserByUsername("clerk.liangshan");
        int people = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(people);
        try {
            List<Future<PostingRow>> results = new ArrayList<>();
            for (int i = 0; i < people; i++) {
                String no = "RC-PAR-" + i;
                Callable<PostingRow> save = () -> {
                    SecurityContextHolder.getContext().setAuthentication(
                            UsernamePasswordAuthenticationToken.authenticated(clerk, null, clerk.getAuthorities()));
                    go.await();
                    try {
                        // the same county, role, rank and years: every save upserts the same counters
                        return dispatches.create(input(no, DispatchRole.VILLAGE_WORK_TEAM, OfficialRank.SECTION_LEVEL,
                                ZHAOJUE, LocalDate.of(2016, 1, 1), LocalDate.of(2018, 12, 31)));
                    } finally {
                        SecurityContextHolder.clearContext();
                    }
                };
                results.add(pool.submit(save));
            }
            go.countDown();
            for (Future<PostingRow> f : results) {
                assertThat(f.get().officialNo()).startsWith("RC-PAR-");
            }
        } finally {
            pool.shutdownNow();
        }
        Map<Key, Long> counts = summary();
        for (int year = 2016; year <= 2018; year++) {
            assertThat(counts).containsEntry(new Key(ZHAOJUE, year, "VILLAGE_WORK_TEAM", "SECTION_LEVEL"), (long) people);
        }
        assertExact("after the concurrent saves");
    }

    @Test
    void twoPeopleSwappingCountiesAtTheSameTimeNeitherDeadlockNorDrift() throws Exception {
        signIn("clerk.liangshan");
        PostingRow a = dispatches.create(input("RC-SWAP-A", DispatchRole.FIRST_SECRETARY, OfficialRank.DIVISION_LEVEL,
                ZHAOJUE, LocalDate.of(2015, 1, 1), LocalDate.of(2019, 12, 31)));
        PostingRow b = dispatches.create(input("RC-SWAP-B", DispatchRole.FIRST_SECRETARY, OfficialRank.DIVISION_LEVEL,
                BUTUO, LocalDate.of(2015, 1, 1), LocalDate.of(2019, 12, 31)));
        SecurityContextHolder.clearContext();
        UserDetails clerk = users.loadUserByUsername("clerk.liangshan");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 6; round++) {
                PostingRow[] current = {dispatchesAs(clerk, () -> dispatches.get(a.id())),
                        dispatchesAs(clerk, () -> dispatches.get(b.id()))};
                CountDownLatch go = new CountDownLatch(1);
                List<Future<PostingRow>> moves = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    PostingRow p = current[i];
                    String other = p.regionCode().equals(ZHAOJUE) ? BUTUO : ZHAOJUE;
                    moves.add(pool.submit(() -> {
                        go.await();
                        return dispatchesAs(clerk, () -> dispatches.update(p.id(), p.version(), input(p.officialNo(),
                                p.role(), p.rank(), other, p.startDate(), p.endDate())));
                    }));
                }
                go.countDown();
                for (Future<PostingRow> f : moves) {
                    f.get();
                }
                assertExact("after swap " + round);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(summary()).containsEntry(new Key(ZHAOJUE, 2017, "FIRST_SECRETARY", "DIVISION_LEVEL"), 1L)
                .containsEntry(new Key(BUTUO, 2017, "FIRST_SECRETARY", "DIVISION_LEVEL"), 1L);
    }

    // ----- withdrawn postings (DD018)

    @Test
    void aWithdrawnPostingLeavesTheCountsAndThePersonsEarlierPostingCountsAgain() {
        signIn("clerk.liangshan");
        // the same person, role and rank: first in Zhaojue, then (entered by mistake) in Butuo from mid-2017
        PostingRow zhaojue = dispatches.create(input("RC-W-1", DispatchRole.FIRST_SECRETARY, OfficialRank.SECTION_LEVEL,
                ZHAOJUE, LocalDate.of(2016, 1, 1), LocalDate.of(2017, 6, 30)));
        PostingRow butuo = dispatches.create(input("RC-W-1", DispatchRole.FIRST_SECRETARY, OfficialRank.SECTION_LEVEL,
                BUTUO, LocalDate.of(2017, 7, 1), LocalDate.of(2018, 12, 31)));
        Key zhaojue2017 = new Key(ZHAOJUE, 2017, "FIRST_SECRETARY", "SECTION_LEVEL");
        Key butuo2017 = new Key(BUTUO, 2017, "FIRST_SECRETARY", "SECTION_LEVEL");
        // in 2017 the latest-starting posting counts: Butuo
        assertThat(summary()).containsEntry(butuo2017, 1L).doesNotContainKey(zhaojue2017);
        assertExact("before the withdrawal");

        dispatches.withdraw(butuo.id(), butuo.version(), "entered for the wrong county");
        assertThat(summary()).containsEntry(zhaojue2017, 1L).doesNotContainKey(butuo2017)
                .doesNotContainKey(new Key(BUTUO, 2018, "FIRST_SECRETARY", "SECTION_LEVEL"));
        assertExact("after withdrawing the later posting");

        dispatches.withdraw(zhaojue.id(), zhaojue.version(), "wrong person");
        assertThat(summary()).doesNotContainKey(zhaojue2017)
                .doesNotContainKey(new Key(ZHAOJUE, 2016, "FIRST_SECRETARY", "SECTION_LEVEL"));
        assertExact("after withdrawing both");
    }

    @Test
    void afterRandomWithdrawalsTheCountsEqualABruteForceRecount() {
        signIn("clerk.liangshan");
        Random random = new Random(20131103);
        DispatchRole[] roles = DispatchRole.values();
        List<PostingRow> saved = new ArrayList<>();
        for (int step = 0; step < 60; step++) {
            LocalDate start = LocalDate.of(2012 + random.nextInt(9), 1 + random.nextInt(12), 1 + random.nextInt(28));
            try {
                saved.add(dispatches.create(input("RC-" + random.nextInt(6), roles[random.nextInt(roles.length)],
                        random.nextBoolean() ? OfficialRank.SECTION_LEVEL : OfficialRank.DIVISION_LEVEL,
                        REGIONS.get(random.nextInt(REGIONS.size())), start,
                        random.nextInt(3) == 0 ? null : start.plusDays(random.nextInt(2 * 365)))));
            } catch (UserError overlap) {
                // refused, nothing changed
            }
        }
        assertThat(saved).hasSizeGreaterThan(15);
        assertExact("after the saves");
        int withdrawn = 0;
        while (saved.size() > 3) {
            PostingRow p = saved.remove(random.nextInt(saved.size()));
            dispatches.withdraw(p.id(), p.version(), "withdrawn at random");
            withdrawn++;
            if (withdrawn % 3 == 0) {
                assertExact("after " + withdrawn + " withdrawals");
            }
        }
        assertExact("after the withdrawals");
    }

    static <T> T dispatchesAs(UserDetails user, Callable<T> call) throws Exception {
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        try {
            return call.call();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
