-- National scale (issue #10, docs/performance.md). A report's figure values are written together, up to 48 at
-- a time: a sequence that hands out blocks of 50 lets Hibernate give them ids without a round trip each and
-- insert them in one JDBC batch (FigureValue's @SequenceGenerator has the same allocation size). Rows that
-- other writers insert with the column default simply take one value of a block; ids stay unique.
alter sequence figure_value_id_seq increment by 50;

-- The pairings grid sorts with "nulls last" in either direction and breaks ties by id (PairingService). The
-- indexes of V7 hold (donor_type, year) in PostgreSQL's default order, which serves "year desc nulls first"
-- only, so the first page of a donor type by latest year sorted every record of that type (measured 67 ms at
-- 100,000 records against 3 ms for keyset SQL on this index; docs/performance.md).
create index pairing_type_year_desc on pairing (donor_type, year desc nulls last, id);
