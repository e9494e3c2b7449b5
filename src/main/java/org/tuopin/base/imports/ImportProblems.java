package org.tuopin.base.imports;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Collects the problems of one import. The list is capped, so that a file with 200,000 bad rows answers
 * with a readable list and a count of the rest instead of megabytes of JSON.
 */
public final class ImportProblems {

    public static final int MAX_LISTED = 1000;

    private final List<ImportProblem> listed = new ArrayList<>();
    private final Set<Integer> rowsWithProblems = new HashSet<>();
    private int total;
    private boolean fileLevel;

    public void add(@Nullable Integer row, @Nullable String column, String messageKey, Object... args) {
        total++;
        if (row == null) {
            fileLevel = true;
        } else {
            rowsWithProblems.add(row);
        }
        if (listed.size() < MAX_LISTED) {
            listed.add(new ImportProblem(row, column, messageKey, List.of(args)));
        }
    }

    /** A problem with the file as a whole (size, encoding, format): its rows cannot be checked further. */
    public void file(String messageKey, Object... args) {
        add(null, null, messageKey, args);
    }

    /**
     * The file is refused as a whole (with a row: reading stopped there): this one problem replaces whatever the rows
     * read before it showed, and no row is judged further.
     */
    public void refuseFile(@Nullable Integer row, String messageKey, Object... args) {
        listed.clear();
        rowsWithProblems.clear();
        total = 0;
        add(row, null, messageKey, args);
        fileLevel = true;
    }

    public boolean hasFileLevel() {
        return fileLevel;
    }

    public boolean hasRow(int row) {
        return rowsWithProblems.contains(row);
    }

    public boolean isEmpty() {
        return total == 0;
    }

    public List<ImportProblem> list() {
        List<ImportProblem> out = new ArrayList<>(listed);
        if (total > listed.size()) {
            out.add(new ImportProblem(null, null, "import.problem.more", List.of(String.valueOf(total - listed.size()))));
        }
        return List.copyOf(out);
    }
}
