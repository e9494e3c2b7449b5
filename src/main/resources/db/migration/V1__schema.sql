-- Tuopin schema. Constraints live here as a second fence behind the services:
-- whatever the Java code lets through, the database refuses negative counts and money,
-- incidence outside 0..100, orphans and duplicates.

create table region (
    id              bigserial primary key,
    code            varchar(16)  not null unique,
    level           varchar(16)  not null check (level in ('COUNTRY', 'PROVINCE', 'PREFECTURE', 'COUNTY')),
    parent_id       bigint references region (id),
    name_en         varchar(200) not null check (length(trim(name_en)) > 0),
    name_zh         varchar(200) not null check (length(trim(name_zh)) > 0),
    designation     varchar(20) check (designation in ('THREE_AREAS', 'THREE_PREFECTURES')),
    eight_provinces boolean      not null default false,
    -- materialised path of codes, for example 'CN/510000/513400/': "this region and everything
    -- below it" is one indexed prefix query (path LIKE 'CN/510000/%').
    path            varchar(400) not null unique,
    version         bigint       not null default 0,
    check ((level = 'COUNTRY') = (parent_id is null))
);
create index region_path_prefix on region (path text_pattern_ops);
create index region_parent on region (parent_id);

create table region_group (
    id      bigserial primary key,
    code    varchar(64)  not null unique check (code like 'GROUP:%'),
    name_en varchar(200) not null,
    name_zh varchar(200) not null,
    version bigint       not null default 0
);

create table region_group_member (
    group_id  bigint not null references region_group (id) on delete cascade,
    region_id bigint not null references region (id),
    primary key (group_id, region_id)
);
create index region_group_member_region on region_group_member (region_id);

create table reporting_year (
    year    integer primary key check (year between 1990 and 2100),
    open    boolean not null default false,
    version bigint  not null default 0
);

create table account (
    id                   bigserial primary key,
    username             varchar(64)  not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
    display_name         varchar(120) not null,
    password_hash        varchar(200) not null,
    role                 varchar(16)  not null check (role in ('ADMIN', 'SUPERVISOR', 'DATA_ENTRY', 'AUDITOR')),
    region_id            bigint       not null references region (id),
    enabled              boolean      not null default true,
    failed_attempts      integer      not null default 0 check (failed_attempts >= 0),
    locked_until         timestamptz,
    must_change_password boolean      not null default false,
    totp_secret          varchar(200),
    locale               varchar(16),
    created_at           timestamptz  not null default now(),
    version              bigint       not null default 0
);

create table yearly_report (
    id         bigserial primary key,
    region_id  bigint references region (id),
    group_id   bigint references region_group (id),
    year       integer     not null check (year between 1990 and 2100),
    state      varchar(16) not null check (state in ('DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED')),
    created_by varchar(64) not null,
    created_at timestamptz not null default now(),
    updated_by varchar(64) not null,
    updated_at timestamptz not null default now(),
    version    bigint      not null default 0,
    -- a report belongs to exactly one region or one group
    check ((region_id is null) <> (group_id is null)),
    unique (region_id, year),
    unique (group_id, year)
);

create table figure_value (
    id        bigserial primary key,
    report_id bigint        not null references yearly_report (id) on delete cascade,
    metric    varchar(32)   not null,
    kind      varchar(16)   not null check (kind in ('actual', 'cumulative', 'target', 'baseline')),
    value     numeric(20, 2) not null check (value >= 0),
    unit      varchar(16)   not null,
    source    varchar(300),
    note      varchar(1000),
    follow_up boolean       not null default false,
    version   bigint        not null default 0,
    unique (report_id, metric, kind),
    -- each metric has exactly one unit
    check ((metric, unit) in (('poor_population', 'persons'), ('people_lifted_out', 'persons'),
                              ('villages_exited', 'villages'), ('counties_exited', 'counties'),
                              ('poverty_incidence', 'percent'), ('people_relocated', 'persons'),
                              ('funds_total', 'RMB'), ('funds_central', 'RMB'),
                              ('funds_provincial', 'RMB'), ('funds_relocation', 'RMB'))),
    -- incidence is a percentage; people, villages, counties and money are whole numbers
    check (unit <> 'percent' or value <= 100),
    check (unit = 'percent' or value = trunc(value))
);
create index figure_value_report on figure_value (report_id);

create table report_transition (
    id          bigserial primary key,
    report_id   bigint      not null references yearly_report (id) on delete cascade,
    from_state  varchar(16) check (from_state in ('DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED')),
    to_state    varchar(16) not null check (to_state in ('DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED')),
    account     varchar(64) not null,
    at          timestamptz not null default now(),
    reason      varchar(2000),
    explanation varchar(4000)
);
create index report_transition_report on report_transition (report_id);

create table dispatch_count (
    id           bigserial primary key,
    region_id    bigint references region (id),
    group_id     bigint references region_group (id),
    year         integer      not null check (year between 1990 and 2100),
    sending_body varchar(300) not null,
    role         varchar(40)  not null check (role in ('FIRST_SECRETARY', 'VILLAGE_WORK_TEAM',
                                                      'COMPREHENSIVE_ASSISTANCE_TEAM', 'TEMPORARY_POST',
                                                      'TECHNICAL_TALENT')),
    rank         varchar(40) check (rank in ('DEPARTMENT_LEVEL', 'DIVISION_LEVEL', 'YOUNG_DIVISION_RESERVE',
                                             'SECTION_LEVEL', 'OTHER')),
    count        bigint       not null check (count >= 0),
    source       varchar(300),
    note         varchar(1000),
    version      bigint       not null default 0,
    check ((region_id is null) <> (group_id is null))
);

create table pairing (
    id                  bigserial primary key,
    donor               varchar(300) not null check (length(trim(donor)) > 0),
    donor_type          varchar(40)  not null check (donor_type in ('EAST_WEST_PROVINCE', 'CENTRAL_UNIT',
                                                                    'SOCIAL_ORGANISATION', 'ENTERPRISE', 'MILITARY')),
    recipient_region_id bigint       not null references region (id),
    year                integer      not null check (year between 1990 and 2100),
    funds_rmb           bigint check (funds_rmb >= 0),
    projects            integer check (projects >= 0),
    people_helped       bigint check (people_helped >= 0),
    source              varchar(300),
    note                varchar(1000),
    version             bigint       not null default 0
);
create index pairing_recipient on pairing (recipient_region_id);
