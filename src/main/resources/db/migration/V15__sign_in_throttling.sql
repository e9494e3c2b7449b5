-- Sign-in throttling keyed by account and by client address, and refusals tallied per minute instead of one audit
-- entry each (docs/design-decisions/DD022). Everything here is shared by every instance of the application.

-- failures of one typed user name from one client address, in a row: five lock that name for that address only
create table sign_in_failure (
    username       varchar(64)  not null,
    client_address varchar(64)  not null,
    failures       integer      not null default 0 check (failures >= 0),
    last_failure   timestamptz  not null,
    locked_until   timestamptz,
    primary key (username, client_address)
);

-- addresses an account has signed in from with its password: neither the account-wide lock nor a throttled
-- address refuses them, so an attacker elsewhere cannot lock an office out
create table sign_in_known_address (
    username       varchar(64)  not null,
    client_address varchar(64)  not null,
    last_success   timestamptz  not null,
    primary key (username, client_address)
);

-- failures from one client address across all user names, in a fixed window
create table sign_in_client (
    client_address varchar(64)  primary key,
    window_start   timestamptz  not null,
    failures       integer      not null check (failures >= 0)
);

-- the start of the account-wide window that account.failed_attempts counts in
alter table account add column failures_since timestamptz;

-- refusals counted per minute and key, folded into one chain entry each once the minute is over
-- (org.tuopin.audit.RefusalTally); '' stands for an absent key part, so that the key can be unique
create table refusal_tally (
    id             bigserial    primary key,
    minute         timestamptz  not null,
    action         varchar(40)  not null,
    account        varchar(64)  not null,
    role           varchar(16),
    entity_type    varchar(40)  not null,
    entity_id      varchar(64)  not null,
    region_id      bigint,
    client_address varchar(64)  not null,
    count          integer      not null check (count > 0),
    -- why -> how many, for the entry's reason
    reasons        jsonb        not null default '{}',
    unique (minute, action, account, entity_type, entity_id, client_address)
);
create index refusal_tally_minute on refusal_tally (minute);
