package org.tuopin.base.imports;

/** Takes the rows of a file in order, as the reader reaches them. */
@FunctionalInterface
public interface RowSink {

    /** Row {@code number} of the spreadsheet (the header is 1); blank rows included. */
    void row(int number, Cells cells);
}
