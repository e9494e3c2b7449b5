package org.tuopin.base.ui;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.data.provider.DataChangeEvent;
import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.function.SerializableSupplier;
import org.jspecify.annotations.Nullable;
import org.tuopin.base.Listing;
import org.tuopin.base.SortKey;

/**
 * The lazy data provider of a grid over a {@link Listing}: the grid asks for rows by offset, and this turns the
 * offset into a seek from the nearest page boundary it has already read for the current filter and sort
 * (docs/design-decisions/DD013). Scrolling down reads every page from the key of the one above it; a jump to a row
 * beyond every known boundary reads the page's ids first (a deferred join) and remembers where that page ends.
 * Boundaries are forgotten when the filter or the sort changes and when the view refreshes the grid.
 */
public final class KeysetPaging<T, F> implements CallbackDataProvider.FetchCallback<T, Void> {

    /** A service's keyset read: the rows after {@code after}, skipping {@code skip}, at most {@code limit}. */
    @FunctionalInterface
    public interface Pages<T, F> extends java.io.Serializable {
        Listing.Page<T> page(F filter, List<SortKey> sort, Listing.@Nullable Key after, int skip, int limit);
    }

    /** How the last fetch read: the offset the grid asked for, the boundary it started from, the rows it skipped. */
    public record Read(int offset, int limit, int from, Listing.@Nullable Key after, int skip) {

        /** Whether the page was read by seeking from a known boundary without skipping rows. */
        public boolean seek() {
            return after != null && skip == 0;
        }
    }

    /** Page boundaries kept per filter and sort; 20,000 are a million rows of 50, a few MB at most. */
    static final int MAX_BOUNDARIES = 20_000;

    private final SerializableSupplier<F> filter;
    private final Pages<T, F> pages;
    private final TreeMap<Integer, Listing.Key> boundaries = new TreeMap<>();
    private @Nullable List<?> state;
    private @Nullable Read lastRead;

    public KeysetPaging(SerializableSupplier<F> filter, Pages<T, F> pages) {
        this.filter = filter;
        this.pages = pages;
    }

    /**
     * Gives the grid its rows through a new paging over {@code pages}, counted by {@code count}; the boundaries are
     * forgotten whenever the view refreshes the grid (a saved row may have moved every row after it).
     */
    public static <T, F> KeysetPaging<T, F> install(Grid<T> grid, SerializableSupplier<F> filter, Pages<T, F> pages,
                                                     CallbackDataProvider.CountCallback<T, Void> count) {
        KeysetPaging<T, F> paging = new KeysetPaging<>(filter, pages);
        grid.setItems(paging, count);
        grid.getDataProvider().addDataProviderListener(e -> {
            if (!(e instanceof DataChangeEvent.DataRefreshEvent)) {
                paging.forget();
            }
        });
        return paging;
    }

    @Override
    public Stream<T> fetch(Query<T, Void> query) {
        F f = filter.get();
        List<SortKey> sort = sortKeys(query.getSortOrders());
        List<?> now = Arrays.asList(f, sort);
        if (!Objects.equals(now, state)) {
            forget();
            state = now;
        }
        int offset = query.getOffset();
        int limit = query.getLimit();
        Map.Entry<Integer, Listing.Key> known = boundaries.floorEntry(offset);
        int from = known == null ? 0 : known.getKey();
        Listing.Key after = known == null ? null : known.getValue();
        Listing.Page<T> page = pages.page(f, sort, after, offset - from, limit);
        lastRead = new Read(offset, limit, from, after, offset - from);
        if (page.last() != null) {
            remember(offset + page.rows().size(), page.last());
        }
        return page.rows().stream();
    }

    /** Forgets every boundary: the next read starts from the top or from a deferred join. */
    public void forget() {
        boundaries.clear();
        state = null;
    }

    /** How the last fetch read, or null before the first. */
    public @Nullable Read lastRead() {
        return lastRead;
    }

    /** How many page boundaries are known for the current filter and sort. */
    public int knownBoundaries() {
        return boundaries.size();
    }

    private void remember(int offset, Listing.Key key) {
        if (boundaries.size() >= MAX_BOUNDARIES && !boundaries.containsKey(offset)) {
            // keep memory bounded: drop the boundary farthest from where the user reads now
            int first = boundaries.firstKey();
            int last = boundaries.lastKey();
            boundaries.remove(Math.abs(offset - first) > Math.abs(offset - last) ? first : last);
        }
        boundaries.put(offset, key);
    }

    /** The grid's sort orders in the services' words. */
    public static List<SortKey> sortKeys(List<QuerySortOrder> orders) {
        return orders.stream().map(o -> new SortKey(o.getSorted(), o.getDirection() == SortDirection.DESCENDING))
                .toList();
    }
}
