package org.tuopin.exchange;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.tuopin.exchange.FigureImportService.Problem;

/**
 * Collects the problems of one import. The list is capped, so that a file with 200,000 bad rows answers
 * with a readable list and a count of the rest instead of megabytes of JSON.
 */
final class ImportProblems {

    static final int MAX_LISTED = 1000;

    private final List<Problem> listed = new ArrayList<>();
    private final Set<Integer> rowsWithProblems = new HashSet<>();
    private int total;
    private boolean fileLevel;

    void add(@Nullable Integer row, @Nullable String column, String messageKey, Object... args) {
        total++;
        if (row == null) {
            fileLevel = true;
        } else {
            rowsWithProblems.add(row);
        }
        if (listed.size() < MAX_LISTED) {
            listed.add(new Problem(row, column, messageKey, List.of(args)));
        }
    }

    /** A problem with the file as a whole (size, encoding, format): its rows cannot be checked further. */
    void file(String messageKey, Object... args) {
        add(null, null, messageKey, args);
    }

    /**
     * The file is refused as a whole (with a row: reading stopped there): this one problem replaces whatever the rows
     * read before it showed, and no row is judged further.
     */
    void refuseFile(@Nullable Integer row, String messageKey, Object... args) {
        listed.clear();
        rowsWithProblems.clear();
        total = 0;
        add(row, null, messageKey, args);
        fileLevel = true;
    }

    boolean hasFileLevel() {
        return fileLevel;
    }

    boolean hasRow(int row) {
        return rowsWithProblems.contains(row);
    }

    boolean isEmpty() {
        return total == 0;
    }

    List<Problem> list() {
        List<Problem> out = new ArrayList<>(listed);
        if (total > listed.size()) {
            out.add(new Problem(null, null, "import.problem.more", List.of(String.valueOf(total - listed.size()))));
        }
        return List.copyOf(out);
    }
}
