package org.tuopin.base.imports;

import java.util.List;

/** The cells of one row as read: how many it spans, and the text of each ("" where there is none). */
public interface Cells {

    int width();

    String get(int column);

    /** Whether every cell at or after {@code column} is blank. */
    boolean blankFrom(int column);

    /** The cells of a CSV record. */
    record ListCells(List<String> cells) implements Cells {
        @Override
        public int width() {
            return cells.size();
        }

        @Override
        public String get(int column) {
            return column < cells.size() && cells.get(column) != null ? cells.get(column) : "";
        }

        @Override
        public boolean blankFrom(int column) {
            for (int i = column; i < cells.size(); i++) {
                if (!get(i).isBlank()) {
                    return false;
                }
            }
            return true;
        }
    }
}
