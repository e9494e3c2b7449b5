-- The roster's officials by region, year, role and rank, kept exact in the same transaction as every write to
-- official_posting, so that the dashboard reads a few thousand counters instead of counting three million
-- postings (issue #7, benchmark 4 of issue #10; docs/design-decisions/DD012-roster-counts.md).
--
-- Who counts where: in a reporting year, an official (an id number) counts once per role and rank, in the
-- region of his latest-starting posting with that role and rank that ran at some time in the year (ties:
-- the higher posting id). A parent region's count is then the sum of its children's, and the country's is
-- the number of distinct people. Open-ended postings count in every reporting year from their start, and a
-- reporting year added later is counted in the transaction that adds it (trigger on reporting_year).

create table roster_count (
    region_id   bigint      not null,
    -- the region's path, kept equal to region.path by the foreign key, so that a scope is a prefix match here
    region_path varchar(400) not null,
    year        integer     not null,
    role        varchar(40) not null,
    rank        varchar(40) not null,
    -- never negative: roster_count_track() refuses a change that would make it so (a CHECK cannot be used, since
    -- PostgreSQL checks the row an upsert proposes before it finds the row to add the change to)
    officials   bigint      not null,
    primary key (region_id, year, role, rank),
    foreign key (region_id, region_path) references region (id, path) on update cascade
);
-- the dashboard reads one year in a scope: an index-only scan of that year's counters under the path
create index roster_count_year_path on roster_count (year, region_path text_pattern_ops) include (role, rank, officials);

-- Recounts the given years from scratch with one set-based statement: the backfill below, the synthetic
-- generator after its COPY, and a reporting year being added. The exclusive lock waits for roster writes in
-- flight (they hold it shared) and keeps new ones out until this transaction ends, so none is missed or
-- counted twice.
create function roster_count_refill(years integer[]) returns void language plpgsql as $$
begin
    perform pg_advisory_xact_lock(7302, 0);
    delete from roster_count where year = any (years);
    insert into roster_count (region_id, region_path, year, role, rank, officials)
    select region_id, region_path, year, role, rank, count(*)
    from (select distinct on (p.official_no, y.year, p.role, p.rank)
                 p.region_id, p.region_path, y.year, p.role, p.rank
          from official_posting p
          join reporting_year y on y.year = any (years)
               and p.start_date <= make_date(y.year, 12, 31)
               and (p.end_date is null or p.end_date >= make_date(y.year, 1, 1))
          order by p.official_no, y.year, p.role, p.rank, p.start_date desc, p.id desc) latest
    group by region_id, region_path, year, role, rank;
end;
$$;

-- Applies one statement's change of official_posting: for every person it touched, what he counted for
-- before (the table now, without the new rows, with the old ones) comes off and what he counts for now goes
-- on. Writers hold the person's advisory lock (DispatchService), so nobody changes his postings meanwhile; the
-- counters are upserted in key order, so two writers in one county wait for each other instead of deadlocking.
create function roster_count_track() returns trigger language plpgsql as $$
declare
    lowest bigint;
begin
    perform pg_advisory_xact_lock_shared(7302, 0);
    execute format($sql$
        with o as (select * from %s), n as (select * from %s),
        people as (select official_no from o union select official_no from n),
        now_rows as (select p.* from official_posting p where p.official_no in (select official_no from people)),
        before_rows as (select a.* from now_rows a where not exists (select 1 from n where n.id = a.id)
                        union all select * from o),
        shifts as (
            select distinct on (s.official_no, y.year, s.role, s.rank)
                   s.region_id, s.region_path, y.year, s.role, s.rank, 1 as delta
            from now_rows s join reporting_year y on s.start_date <= make_date(y.year, 12, 31)
                 and (s.end_date is null or s.end_date >= make_date(y.year, 1, 1))
            order by s.official_no, y.year, s.role, s.rank, s.start_date desc, s.id desc)
        , unshifts as (
            select distinct on (s.official_no, y.year, s.role, s.rank)
                   s.region_id, s.region_path, y.year, s.role, s.rank, -1 as delta
            from before_rows s join reporting_year y on s.start_date <= make_date(y.year, 12, 31)
                 and (s.end_date is null or s.end_date >= make_date(y.year, 1, 1))
            order by s.official_no, y.year, s.role, s.rank, s.start_date desc, s.id desc)
        , applied as (
            insert into roster_count as c (region_id, region_path, year, role, rank, officials)
            select region_id, min(region_path), year, role, rank, sum(delta)
            from (select * from shifts union all select * from unshifts) d
            group by region_id, year, role, rank having sum(delta) <> 0
            order by region_id, year, role, rank
            on conflict (region_id, year, role, rank) do update set officials = c.officials + excluded.officials
            returning c.officials)
        select min(officials) from applied
        $sql$,
        case when tg_op = 'INSERT' then '(select * from official_posting where false) none' else 'old_rows' end,
        case when tg_op = 'DELETE' then '(select * from official_posting where false) none' else 'new_rows' end)
        into lowest;
    if lowest < 0 then
        raise exception 'roster_count would become negative: postings were written while the counts were not kept'
            using errcode = 'check_violation';
    end if;
    return null;
end;
$$;

create trigger roster_count_insert after insert on official_posting
    referencing new table as new_rows for each statement execute function roster_count_track();
create trigger roster_count_update after update on official_posting
    referencing old table as old_rows new table as new_rows for each statement execute function roster_count_track();
create trigger roster_count_delete after delete on official_posting
    referencing old table as old_rows for each statement execute function roster_count_track();

-- A reporting year added later (an administrator opens 2021) is counted in the same transaction, open-ended
-- postings included.
create function roster_count_new_year() returns trigger language plpgsql as $$
begin
    perform roster_count_refill(array[new.year]);
    return null;
end;
$$;
create trigger roster_count_year after insert on reporting_year
    for each row execute function roster_count_new_year();

-- Backfill from the roster as it stands.
select roster_count_refill(array(select year from reporting_year order by year));
analyze roster_count;
