-- Sessions of an account end on every instance when it moves (docs/design-decisions/DD021): a UI session remembers
-- the value it saw at sign-in and is ended at its next request once the value differs. The lookup is by username,
-- which is unique (and so indexed) already.
alter table account add column sessions_valid_from timestamptz not null default now();
