-- The audit trail: append-only, hash-chained. Each entry's hash is SHA-256 over the previous entry's hash
-- and its own canonical content (see org.tuopin.audit.AuditTrail). Writers lock audit_head, so
-- concurrent transactions append one after the other and form a single chain.

create table audit_entry (
    seq            bigint primary key,
    at             timestamptz  not null,
    account        varchar(64),
    role           varchar(16),
    client_address varchar(64),
    action         varchar(40)  not null,
    entity_type    varchar(40),
    entity_id      varchar(64),
    region_id      bigint references region (id),
    -- JSON text, not jsonb: the hash covers these exact characters
    changes        text         not null default '[]',
    reason         varchar(4000),
    prev_hash      char(64)     not null,
    hash           char(64)     not null unique
);
create index audit_entry_at on audit_entry (at);
create index audit_entry_entity on audit_entry (entity_type, entity_id);
create index audit_entry_account on audit_entry (account);

create table audit_head (
    id   integer primary key check (id = 1),
    seq  bigint   not null,
    hash char(64) not null
);
insert into audit_head (id, seq, hash) values (1, 0, repeat('0', 64));

create function audit_entry_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entry is append-only: % refused', tg_op;
end;
$$;

create trigger audit_entry_no_update_or_delete
    before update or delete on audit_entry
    for each row execute function audit_entry_is_append_only();

create trigger audit_entry_no_truncate
    before truncate on audit_entry
    for each statement execute function audit_entry_is_append_only();

-- the last time step whose one-time code was accepted: a code is good once
alter table account add column last_totp_step bigint;
