package org.tuopin.base;

/** One column to sort by, named in the caller's words; services map names to SQL through a whitelist. */
public record SortKey(String property, boolean descending) {
}
