-- Each pairing record carries its recipient region's path, as the roster's postings carry theirs (V6), so that the
-- scope and the recipient filter are a prefix match on this table and the pairings grid finds the ids of a page
-- without joining every skipped record to its region (issue #10; docs/design-decisions/DD008-pairings.md).

-- Existing records (the reference data of V2, anything entered since) take their region's path in one statement:
-- a change of the new column's type with a USING expression rewrites the table once, compact (see V12).
create function pairing_recipient_path(recipient bigint) returns varchar language sql stable
    as 'select path from region where id = recipient';
alter table pairing add column recipient_path varchar(400);
alter table pairing alter column recipient_path type varchar(400) using pairing_recipient_path(recipient_region_id),
    alter column recipient_path set not null;
drop function pairing_recipient_path(bigint);

-- Every writer names the path (PairingService through PairingAssistance, the synthetic generator); the database
-- keeps it equal to the region's own path: a mismatch is refused, and a region whose path changes takes its
-- records along. The composite key (on V6's unique (id, path)) replaces the plain one on the region id.
alter table pairing drop constraint pairing_recipient_region_id_fkey;
alter table pairing add constraint pairing_recipient_path foreign key (recipient_region_id, recipient_path)
    references region (id, path) on update cascade;

-- Records of one donor type by year, ties by id (V11's index): the path rides along instead of the region id, so
-- that a scoped page, and the records skipped to reach it, are read from the index alone.
drop index pairing_type_year;
create index pairing_type_year on pairing (donor_type, year, id) include (recipient_path);
-- The scope and the recipient filter: a prefix of the path.
create index pairing_path on pairing (recipient_path text_pattern_ops, id);
-- The grid's default order (recipient, year, donor, id) and the recipient sort. The donor rides along because
-- PostgreSQL reads an index alone only when it holds every column the query names, and lower(donor) names donor:
-- without it a jump to row 90,000 of the national grid read the table (105 ms); with it, the index (23 ms).
create index pairing_recipient_order on pairing (recipient_path, year, lower(donor), id) include (donor);
