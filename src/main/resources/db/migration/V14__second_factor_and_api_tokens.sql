-- Issue 18, the second factor (docs/design-decisions/DD021).

-- Wrong one-time codes, one row each, so that "5 wrong codes in 15 minutes" holds across instances. At most five
-- rows per account live at once: the fifth locks the account and clears them, older ones are pruned.
create table second_factor_failure (
    id         bigserial primary key,
    account_id bigint      not null references account (id) on delete cascade,
    failed_at  timestamptz not null default now()
);
create index second_factor_failure_account on second_factor_failure (account_id, failed_at);

-- Personal API tokens: only the SHA-256 of the secret is stored; the secret is shown once, at creation.
create table api_token (
    id             bigserial primary key,
    account_id     bigint       not null references account (id) on delete cascade,
    name           varchar(80)  not null check (length(btrim(name)) between 1 and 80),
    token_hash     char(64)     not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
    hint           varchar(40)  not null,
    created_at     timestamptz  not null default now(),
    expires_at     timestamptz  not null,
    revoked_at     timestamptz,
    revoked_by     varchar(64),
    last_used_at   timestamptz,
    last_used_from varchar(64),
    check (expires_at > created_at and expires_at <= created_at + interval '366 days'),
    check ((revoked_at is null) = (revoked_by is null))
);
create index api_token_account on api_token (account_id);
