-- Administrators' reach (DD023): an exception is edited (its date moved) and ended, so two administrators can
-- meet on it; its version lets the second be refused as stale, like a report. "None" is version 0 to callers,
-- so an existing exception starts at 1.
alter table reporting_year_exception add column version bigint not null default 1 check (version >= 1);
