package org.tuopin.dispatch.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithUserDetails;
import org.tuopin.TuopinTest;
import org.tuopin.base.Listing;
import org.tuopin.base.SortKey;
import org.tuopin.dispatch.DispatchService;
import org.tuopin.dispatch.PostingFilter;
import org.tuopin.dispatch.PostingRow;

/**
 * The roster grid pages by seek: scrolling down reads each page from the last key of the page above, a jump reads
 * the page's ids first, and the rows shown are exactly the rows the offset pages showed before (DD013).
 */
@TuopinTest
@ViewPackages(packages = "org.tuopin")
class DispatchGridPagingTest extends SpringBrowserlessTest {

    static final int POSTINGS = 130;

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DispatchService dispatches;

    @BeforeEach
    void roster() {
        // postings in Liangshan and in Nujiang; start days and end days repeat, some postings are still serving
        for (int i = 0; i < POSTINGS; i++) {
            String code = i % 3 == 0 ? "533301" : "513431";
            jdbc.sql("""
                            insert into official_posting (official_no, name, rank, sending_organisation, role, region_id,
                                region_path, start_date, end_date, created_by, updated_by)
                            select :no, :name, 'SECTION_LEVEL', 'Provincial Department of Finance', 'TEMPORARY_POST',
                                   r.id, r.path, date '2016-01-01' + :start, date '2017-01-01' + :end, 'test', 'test'
                            from region r where r.code = :code""")
                    .param("no", "P-" + i).param("name", "Official " + (i % 7)).param("start", i % 9)
                    .param("end", i % 4 == 0 ? null : i % 5, java.sql.Types.INTEGER).param("code", code).update();
        }
    }

    @AfterEach
    void removePostings() {
        jdbc.sql("delete from official_posting").update();
    }

    static List<QuerySortOrder> orders(List<SortKey> sort) {
        return sort.stream().map(k -> new QuerySortOrder(k.property(),
                k.descending() ? SortDirection.DESCENDING : SortDirection.ASCENDING)).toList();
    }

    /** A page as the grid's data communicator asks for it when the user scrolls. */
    static List<PostingRow> fetch(DispatchView view, List<SortKey> sort, int offset, int limit) {
        return view.grid.getDataProvider().fetch(new Query<>(offset, limit, orders(sort), null, null)).toList();
    }

    @Test
    @WithUserDetails("auditor")
    void scrollingDownSeeksFromThePageAboveAndShowsTheRowsTheOffsetPagesShowed() {
        DispatchView view = navigate(DispatchView.class);
        for (List<SortKey> sort : List.of(List.<SortKey>of(), List.of(new SortKey("end", true)),
                List.of(new SortKey("name", false), new SortKey("start", true)))) {
            List<PostingRow> before = dispatches.find(view.filter(), sort, 0, 1000);
            assertThat(before).hasSize(POSTINGS);
            for (int offset = 0; offset < POSTINGS; offset += 50) {
                List<PostingRow> page = fetch(view, sort, offset, 50);
                assertThat(page).as("rows %d.. by %s", offset, sort)
                        .isEqualTo(before.subList(offset, Math.min(offset + 50, POSTINGS)));
                if (offset > 0) {
                    assertThat(view.paging.lastRead().seek()).as("page at %d read by seek", offset).isTrue();
                }
            }
        }
    }

    @Test
    @WithUserDetails("auditor")
    void aJumpFarDownReadsThePageWithoutAKnownBoundaryAndTheNextPageSeeksFromIt() {
        DispatchView view = navigate(DispatchView.class);
        List<SortKey> sort = List.of(new SortKey("end", false));
        List<PostingRow> before = dispatches.find(view.filter(), sort, 0, 1000);
        fetch(view, sort, 0, 50);

        assertThat(fetch(view, sort, 100, 20)).isEqualTo(before.subList(100, 120));
        assertThat(view.paging.lastRead().from()).isEqualTo(50);
        assertThat(view.paging.lastRead().skip()).isEqualTo(50);

        assertThat(fetch(view, sort, 120, 20)).isEqualTo(before.subList(120, POSTINGS));
        assertThat(view.paging.lastRead().seek()).isTrue();

        // refreshing the grid (after a save, say) forgets the boundaries: rows may have moved
        view.grid.getDataProvider().refreshAll();
        assertThat(view.paging.knownBoundaries()).isZero();
        assertThat(fetch(view, sort, 120, 20)).isEqualTo(before.subList(120, POSTINGS));
        assertThat(view.paging.lastRead().skip()).isEqualTo(120);
    }

    @Test
    @WithUserDetails("auditor")
    void aNewFilterStartsFromTheTopAndTheGridShowsEveryRowOnce() {
        DispatchView view = navigate(DispatchView.class);
        fetch(view, List.of(), 0, 50);
        fetch(view, List.of(), 50, 50);
        assertThat(view.paging.knownBoundaries()).isEqualTo(2);

        test(view.region).setFilter("Zhaojue");
        test(view.region).selectItem("513431 Zhaojue County");
        PostingFilter filter = view.filter();
        List<PostingRow> zhaojue = dispatches.find(filter, List.of(), 0, 1000);
        assertThat(zhaojue).isNotEmpty().allSatisfy(r -> assertThat(r.regionCode()).isEqualTo("513431"));

        var grid = test(view.grid);
        List<PostingRow> shown = IntStream.range(0, grid.size()).mapToObj(grid::getRow).toList();
        assertThat(shown).isEqualTo(zhaojue);
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void aClerkScrollingTheGridSeesOnlyLiangshan() {
        DispatchView view = navigate(DispatchView.class);
        var grid = test(view.grid);
        List<PostingRow> shown = IntStream.range(0, grid.size()).mapToObj(grid::getRow).toList();
        assertThat(shown).hasSize(POSTINGS - (POSTINGS + 2) / 3)
                .allSatisfy(r -> assertThat(r.regionCode()).isEqualTo("513431"));
    }

    @Test
    @WithUserDetails("clerk.liangshan")
    void aCraftedBoundaryKeyFromAnotherRegionNeverShowsThatRegionsRows() {
        long nujiang = jdbc.sql("select p.id from official_posting p where p.official_no = 'P-3'").query(Long.class)
                .single();
        java.sql.Date start = jdbc.sql("select start_date from official_posting where id = :id").param("id", nujiang)
                .query(java.sql.Date.class).single();
        List<SortKey> sort = List.of(new SortKey("start", false));
        Listing.Key crafted = new Listing.Key(List.of(start), nujiang);

        for (int skip : List.of(0, 5)) {
            List<PostingRow> rows = dispatches.page(PostingFilter.none(), sort, crafted, skip, 1000).rows();
            assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r.regionCode()).isEqualTo("513431"));
        }
        // a key that sorts before everything: the clerk's whole scope, and nothing more
        Listing.Key first = new Listing.Key(List.of(java.sql.Date.valueOf("1990-01-01")), 0);
        assertThat(dispatches.page(PostingFilter.none(), sort, first, 0, 1000).rows())
                .isEqualTo(dispatches.find(PostingFilter.none(), sort, 0, 1000)).hasSize(86);
    }
}
