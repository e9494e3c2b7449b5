-- The roster of officials dispatched to villages: one row per posting, the person identified by the
-- official id number (docs/design-decisions/DD007). No rows are seeded: the study publishes counts
-- (dispatch_count), not individuals.

-- lets a posting carry its region's path and have the database check that it matches the region
alter table region add constraint region_id_path unique (id, path);

create table official_posting (
    id                   bigserial primary key,
    official_no          varchar(32)  not null check (official_no ~ '^[A-Z0-9-]{1,32}$'),
    name                 varchar(100) not null check (length(trim(name)) > 0),
    rank                 varchar(40)  not null check (rank in ('DEPARTMENT_LEVEL', 'DIVISION_LEVEL',
                                                              'YOUNG_DIVISION_RESERVE', 'SECTION_LEVEL', 'OTHER')),
    sending_organisation varchar(300) not null check (length(trim(sending_organisation)) > 0),
    role                 varchar(40)  not null check (role in ('FIRST_SECRETARY', 'VILLAGE_WORK_TEAM',
                                                              'COMPREHENSIVE_ASSISTANCE_TEAM', 'TEMPORARY_POST',
                                                              'TECHNICAL_TALENT')),
    region_id            bigint       not null,
    -- the region's materialised path, copied so that scope and region filters are one indexed prefix
    -- match on this table; the foreign key keeps it equal to the region's own path
    region_path          varchar(400) not null,
    village              varchar(200),
    start_date           date         not null,
    end_date             date,
    bilingual            boolean      not null default false,
    note                 varchar(1000),
    created_by           varchar(64)  not null,
    created_at           timestamptz  not null default now(),
    updated_by           varchar(64)  not null,
    updated_at           timestamptz  not null default now(),
    version              bigint       not null default 0,
    foreign key (region_id, region_path) references region (id, path) on update cascade,
    check (end_date is null or end_date >= start_date)
);

-- scope and region filter: a prefix of the path
create index official_posting_path on official_posting (region_path text_pattern_ops, id);
-- overlap checks look up one person's postings
create index official_posting_person on official_posting (official_no, start_date);
-- the grid's sort keys, each with the id as the tie-breaker the queries append
create index official_posting_start on official_posting (start_date, id);
create index official_posting_end on official_posting (end_date, id);
create index official_posting_name on official_posting (name, id);
create index official_posting_role on official_posting (role, rank, id);
create index official_posting_rank on official_posting (rank, id);
create index official_posting_org on official_posting (sending_organisation, id);
-- the sending-organisation filter: a case-insensitive prefix
create index official_posting_org_prefix on official_posting (lower(sending_organisation) text_pattern_ops);
create index official_posting_region on official_posting (region_path, id);

-- Second fence behind the service's check (which holds a lock per id number): a person's postings may not
-- overlap unless one of them is a temporary post. Overlapping first-secretary postings are a case of it.
-- btree_gist ships with PostgreSQL's contrib (and the embedded PostgreSQL); where it is missing the
-- service's check stands alone.
do $$
begin
    if exists (select 1 from pg_available_extensions where name = 'btree_gist') then
        begin
            create extension if not exists btree_gist;
        exception when insufficient_privilege then
            raise notice 'btree_gist may not be created here: overlaps are refused by the application only';
        end;
    end if;
    if exists (select 1 from pg_extension where extname = 'btree_gist') then
        alter table official_posting add constraint official_posting_no_overlap
            exclude using gist (official_no with =, daterange(start_date, end_date, '[]') with &&)
            where (role <> 'TEMPORARY_POST');
    else
        raise notice 'btree_gist is not available: overlapping postings are refused by the application only';
    end if;
end;
$$;
