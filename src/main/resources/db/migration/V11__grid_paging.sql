-- Grid paging (issue #10, docs/design-decisions/DD013). The grids read a page after a known row's sort key
-- (a seek) and, when a user jumps far beyond every page read so far, find the page's ids first and join the
-- wide rows of that page only. Both need an index whose order is the grid's order with the id as tie-breaker
-- (the id runs the same way as the last sort key, so one index serves both directions); the jump is fast when
-- that index also holds every column the filter reads, so that counting past the skipped rows is an index-only
-- scan.

-- The roster's default order (latest start first) under any filter on scope, region, role, rank or serving day:
-- the same key as before, now covering the filter columns.
drop index official_posting_start;
create index official_posting_start on official_posting (start_date, id) include (region_path, role, rank, end_date);

-- The roster of one role by start: the page at row 90,000 of 600,000 first secretaries is read from this index
-- alone (about 30 ms on the national data set, against seconds through the heap).
create index official_posting_role_start on official_posting (role, start_date, id) include (region_path);

-- Pairings of one donor type by year, ties by id in the same direction: year is never NULL, so the order needs
-- no "nulls last" and the plain index scanned backwards serves "latest first" (it replaces both of V7's and
-- V9's indexes on donor type and year).
drop index pairing_type_year_desc;
drop index pairing_type_year;
create index pairing_type_year on pairing (donor_type, year, id) include (recipient_region_id);
