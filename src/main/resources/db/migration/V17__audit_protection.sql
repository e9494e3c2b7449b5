-- The audit trail's own protection (docs/design-decisions/DD025).

-- Entries before this migration were hashed over fields joined by a separator (hash_version 1), which two
-- different entries could share; new entries hash canonical JSON (2). Old entries keep their hashes.
alter table audit_entry add column hash_version smallint not null default 1;
alter table audit_entry alter column hash_version set default 2;
alter table audit_entry add constraint audit_entry_hash_version check (hash_version in (1, 2));

-- The application's role may update the head (it appends), so the head guards itself: it only moves forward,
-- and only to an entry that exists with that hash. Only the owner can switch this off.
create function audit_head_moves_forward() returns trigger language plpgsql as $$
begin
    if tg_op <> 'UPDATE' then
        raise exception 'audit_head is kept: % refused', tg_op;
    end if;
    if new.id <> old.id or new.seq < old.seq then
        raise exception 'audit_head only moves forward: from % to % refused', old.seq, new.seq;
    end if;
    if (new.seq, new.hash) is distinct from (old.seq, old.hash)
            and not exists (select 1 from audit_entry where seq = new.seq and hash = new.hash) then
        raise exception 'audit_head must name an existing entry: % refused', new.seq;
    end if;
    return new;
end;
$$;

create trigger audit_head_forward_only
    before update or delete on audit_head
    for each row execute function audit_head_moves_forward();

create trigger audit_head_no_truncate
    before truncate on audit_head
    for each statement execute function audit_head_moves_forward();
