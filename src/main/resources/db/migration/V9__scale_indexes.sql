-- National scale (issue #10, docs/performance.md). A report's figure values are written together, up to 48 at
-- a time: a sequence that hands out blocks of 50 lets Hibernate give them ids without a round trip each and
-- insert them in one JDBC batch (FigureValue's @SequenceGenerator has the same allocation size). Rows that
-- other writers insert with the column default simply take one value of a block; ids stay unique.
alter sequence figure_value_id_seq increment by 50;
