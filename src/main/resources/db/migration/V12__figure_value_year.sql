-- The report's year on each of its values (issue #10, docs/design-decisions/DD013). The figures grid filters by
-- year and sorts by value; with the year on yearly_report and the value on figure_value no index served both, and
-- every page sorted a year's 100,000 values. With the year copied here, one index gives a year's values in value
-- order (either direction, id as tie-breaker).

-- A report's year never changes (no code path sets it; the import and the review loop only touch state, version
-- and who changed it last). Said here too, so that a copy on figure_value can never go stale.
create function yearly_report_year_fixed() returns trigger language plpgsql as $$
begin
    raise exception 'The year of yearly report % cannot change (% to %)', old.id, old.year, new.year
        using errcode = 'check_violation';
end
$$;
create trigger yearly_report_year_fixed before update of year on yearly_report
    for each row when (old.year is distinct from new.year) execute function yearly_report_year_fixed();

-- Existing values take their report's year in one statement: a change of the new column's type with a USING
-- expression rewrites the table once, compact, and rebuilds its indexes (6 s for the national data set's 1,108,123
-- values), where an UPDATE took 16-19 s and left the table three times its size until a VACUUM FULL.
create function figure_value_report_year(report bigint) returns integer language sql stable
    as 'select year from yearly_report where id = report';
alter table figure_value add column year integer;
alter table figure_value alter column year type integer using figure_value_report_year(report_id),
    alter column year set not null;
drop function figure_value_report_year(bigint);

-- Every writer names the year (ReportService through FigureValue, the import, the synthetic generator); the
-- database is the second fence: a value whose year is not its report's is refused. The composite key replaces the
-- plain one on report_id, so an insert still costs one key check.
alter table yearly_report add constraint yearly_report_id_year unique (id, year);
alter table figure_value drop constraint figure_value_report_id_fkey;
alter table figure_value add constraint figure_value_report_year foreign key (report_id, year)
    references yearly_report (id, year) on delete cascade;

-- One year by value, both directions, ties by id in the direction of the sort. The national grid's deferred join
-- (the ids of the page at row 90,000) and its row count are index-only scans of it. Nothing else: a scoped
-- reader still filters on the report's year (FigureQueryService says why), so no column rides along.
create index figure_value_year_value on figure_value (year, value, id);
