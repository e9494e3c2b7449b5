-- Registered poverty-stricken villages and counties, so that exits can be checked against them.
alter table figure_value drop constraint figure_value_check;
alter table figure_value add constraint figure_value_metric_unit check ((metric, unit) in (
    ('poor_population', 'persons'), ('people_lifted_out', 'persons'),
    ('villages_exited', 'villages'), ('counties_exited', 'counties'),
    ('villages_registered', 'villages'), ('counties_registered', 'counties'),
    ('poverty_incidence', 'percent'), ('people_relocated', 'persons'),
    ('funds_total', 'RMB'), ('funds_central', 'RMB'), ('funds_provincial', 'RMB'), ('funds_relocation', 'RMB')));

-- The values as they stood at each approval, as JSON text: "what changed since the last approval".
alter table report_transition add column snapshot text;
update report_transition t set snapshot = (
    select coalesce(json_agg(json_build_object('metric', v.metric, 'kind', v.kind, 'value', v.value)
                             order by v.metric, v.kind)::text, '[]')
    from figure_value v where v.report_id = t.report_id)
where t.to_state = 'APPROVED';

-- Who submitted last, so that returned reports reach the right inbox.
alter table yearly_report add column submitted_by varchar(64);

create table report_comment (
    id        bigserial primary key,
    report_id bigint        not null references yearly_report (id) on delete cascade,
    account   varchar(64)   not null,
    at        timestamptz   not null default now(),
    text      varchar(4000) not null check (length(trim(text)) > 0)
);
create index report_comment_report on report_comment (report_id);

-- A closed year can still take entries from one region until a date, for a stated reason.
create table reporting_year_exception (
    id         bigserial primary key,
    year       integer      not null references reporting_year (year),
    region_id  bigint       not null references region (id),
    until      date         not null,
    reason     varchar(2000) not null check (length(trim(reason)) > 0),
    granted_by varchar(64)  not null,
    granted_at timestamptz  not null default now(),
    unique (year, region_id)
);

create index yearly_report_state on yearly_report (state);
create index yearly_report_year on yearly_report (year);
