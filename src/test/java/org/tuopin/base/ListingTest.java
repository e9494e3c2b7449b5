package org.tuopin.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.tuopin.TuopinTest;

/**
 * The listing's three ways to a page (offset, seek, deferred join) give the same rows, for every sort column in
 * both directions, with duplicate values and NULLs placed either way, on the real PostgreSQL.
 */
@TuopinTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListingTest {

    record Probe(long id, int grp, @Nullable String name, @Nullable BigDecimal amount, LocalDate day, String path) {
    }

    static final Listing<Probe> LISTING = new Listing<>(
            "select q.id, q.grp, q.name, q.amount, q.day, q.path",
            "from listing_probe q", "from listing_probe q", "q.id",
            Map.of("grp", Listing.Column.notNull("q.grp"),
                    "name", Listing.Column.nullable("q.name", Listing.Nulls.HIGH),
                    "lowerName", Listing.Column.nullable("lower(q.name)", Listing.Nulls.HIGH),
                    "amount", Listing.Column.nullable("q.amount", Listing.Nulls.LAST),
                    "day", Listing.Column.notNull("q.day")),
            List.of(new SortKey("day", true)),
            (rs, n) -> new Probe(rs.getLong("id"), rs.getInt("grp"), rs.getString("name"), rs.getBigDecimal("amount"),
                    rs.getObject("day", LocalDate.class), rs.getString("path")));

    static final int ROWS = 90;
    static final int PAGE = 7;

    @Autowired
    NamedParameterJdbcTemplate jdbc;

    @Autowired
    DatabaseOwner owner;

    /** Created by the schema's owner (the app's role may not create tables); the default privileges let the app in. */
    @BeforeAll
    void probeTable() {
        new org.springframework.jdbc.core.JdbcTemplate(owner.dataSource()).execute("""
                create table if not exists listing_probe (id bigint primary key, grp int not null, name text,
                    amount numeric(10, 2), day date not null, path text not null)""");
        jdbc.getJdbcTemplate().execute("delete from listing_probe");
        String[] names = {"Ma", "ma", "Li", "Zhang", "li"};
        for (int i = 1; i <= ROWS; i++) {
            // few distinct values per column: every page boundary falls among duplicates somewhere
            jdbc.update("insert into listing_probe values (:id, :grp, :name, :amount, :day, :path)",
                    new MapSqlParameterSource("id", (long) i * 37 % 1009).addValue("grp", i % 4)
                            .addValue("name", i % 5 == 0 ? null : names[i % names.length])
                            .addValue("amount", i % 3 == 0 ? null : BigDecimal.valueOf(i * 7 % 10, 1))
                            .addValue("day", LocalDate.of(2020, 1, 1).plusDays(i % 6))
                            .addValue("path", i % 2 == 0 ? "CN/A/" : "CN/B/"));
        }
    }

    @AfterAll
    void dropProbe() {
        new org.springframework.jdbc.core.JdbcTemplate(owner.dataSource()).execute("drop table listing_probe");
    }

    static Listing.Where everything() {
        return new Listing.Where(" where q.path like :scope", new MapSqlParameterSource("scope", "CN/%"));
    }

    static List<List<SortKey>> sorts() {
        List<List<SortKey>> sorts = new ArrayList<>();
        for (String column : List.of("grp", "name", "lowerName", "amount", "day")) {
            sorts.add(List.of(new SortKey(column, false)));
            sorts.add(List.of(new SortKey(column, true)));
        }
        sorts.add(List.of());
        sorts.add(List.of(new SortKey("grp", false), new SortKey("day", false)));
        sorts.add(List.of(new SortKey("grp", true), new SortKey("day", true)));
        sorts.add(List.of(new SortKey("grp", false), new SortKey("name", true)));
        sorts.add(List.of(new SortKey("amount", true), new SortKey("day", false)));
        sorts.add(List.of(new SortKey("name", false), new SortKey("amount", false), new SortKey("grp", true)));
        sorts.add(List.of(new SortKey("amount", false), new SortKey("name", true), new SortKey("day", true)));
        return sorts;
    }

    @Test
    void seekPagesEqualOffsetPagesForEverySortInBothDirections() {
        for (List<SortKey> sort : sorts()) {
            List<Probe> byOffset = LISTING.find(jdbc, everything(), sort, 0, 1000);
            assertThat(byOffset).as("all rows, %s", sort).hasSize(ROWS);

            List<Probe> bySeek = new ArrayList<>();
            Listing.Key after = null;
            int pages = 0;
            while (true) {
                Listing.Page<Probe> page = LISTING.page(jdbc, everything(), sort, after, 0, PAGE);
                if (page.rows().isEmpty()) {
                    assertThat(page.last()).isNull();
                    break;
                }
                assertThat(page.rows()).as("page %d of %s", pages, sort)
                        .isEqualTo(LISTING.find(jdbc, everything(), sort, pages * PAGE, PAGE));
                bySeek.addAll(page.rows());
                after = page.last();
                pages++;
            }
            assertThat(bySeek).as("every page by seek, %s", sort).isEqualTo(byOffset);
            assertThat(pages).isEqualTo((ROWS + PAGE - 1) / PAGE);
        }
    }

    @Test
    void aDeferredJoinAndASeekWithASkipReadTheSameRowsAsAnOffset() {
        for (List<SortKey> sort : sorts()) {
            List<Probe> all = LISTING.find(jdbc, everything(), sort, 0, 1000);
            for (int skip : List.of(1, 13, 44, 83, 89, 95)) {
                assertThat(LISTING.page(jdbc, everything(), sort, null, skip, PAGE).rows())
                        .as("skip %d, %s", skip, sort).isEqualTo(all.subList(Math.min(skip, ROWS),
                                Math.min(skip + PAGE, ROWS)));
            }
            // from the key of row 20 (its last-page key), skipping 10: rows 31 to 37
            Listing.Key row20 = LISTING.page(jdbc, everything(), sort, null, 10, 11).last();
            assertThat(LISTING.page(jdbc, everything(), sort, row20, 10, PAGE).rows()).as("seek and skip, %s", sort)
                    .isEqualTo(all.subList(31, 38));
        }
    }

    @Test
    void emptyValuesSortAsTheColumnSays() {
        List<Probe> amountDesc = LISTING.find(jdbc, everything(), List.of(new SortKey("amount", true)), 0, 1000);
        // "nulls last" in both directions
        assertThat(amountDesc.getLast().amount()).isNull();
        assertThat(amountDesc.getFirst().amount()).isEqualByComparingTo("0.9");
        List<Probe> nameDesc = LISTING.find(jdbc, everything(), List.of(new SortKey("name", true)), 0, 1000);
        // PostgreSQL's default: NULL above every value, so first when descending
        assertThat(nameDesc.getFirst().name()).isNull();
        assertThat(nameDesc.getLast().name()).isNotNull();
        // ties break by id in the direction of the last key
        List<Probe> grpDesc = LISTING.find(jdbc, everything(), List.of(new SortKey("grp", true)), 0, 1000);
        assertThat(grpDesc.get(0).grp()).isEqualTo(grpDesc.get(1).grp());
        assertThat(grpDesc.get(0).id()).isGreaterThan(grpDesc.get(1).id());
    }

    @Test
    void aKeyFromOutsideTheFilterNeverWidensIt() {
        Listing.Where onlyA = new Listing.Where(" where q.path like :scope", new MapSqlParameterSource("scope", "CN/A/%"));
        List<SortKey> sort = List.of(new SortKey("grp", false));
        List<Probe> all = LISTING.find(jdbc, everything(), sort, 0, 1000);
        Probe outside = all.stream().filter(p -> p.path().startsWith("CN/B/")).skip(10).findFirst().orElseThrow();
        Listing.Key crafted = new Listing.Key(List.of(outside.grp()), outside.id());

        List<Probe> after = LISTING.page(jdbc, onlyA, sort, crafted, 0, 1000).rows();

        assertThat(after).isNotEmpty().allSatisfy(p -> assertThat(p.path()).startsWith("CN/A/"));
        List<Probe> aRows = LISTING.find(jdbc, onlyA, sort, 0, 1000);
        int position = all.indexOf(outside);
        assertThat(after).isEqualTo(aRows.stream().filter(p -> all.indexOf(p) > position).toList());
        assertThatThrownBy(() -> LISTING.page(jdbc, onlyA, sort, new Listing.Key(List.of(1, 2), 5), 0, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countsExactlyOrUpToACap() {
        assertThat(LISTING.count(jdbc, everything(), null)).isEqualTo(ROWS);
        assertThat(LISTING.count(jdbc, everything(), 40)).isEqualTo(40);
        assertThat(LISTING.count(jdbc, new Listing.Where(" where q.path like :scope",
                new MapSqlParameterSource("scope", "CN/A/%")), 1000)).isEqualTo(ROWS / 2);
    }
}
