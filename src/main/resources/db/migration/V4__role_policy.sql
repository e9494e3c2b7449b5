-- Per-role sign-in rules an administrator sets. ADMIN accounts need a second factor outside demo
-- mode whatever this table says (see AccountService#totpRequired).
create table role_policy (
    role          varchar(16) primary key check (role in ('ADMIN', 'SUPERVISOR', 'DATA_ENTRY', 'AUDITOR')),
    totp_required boolean not null default false,
    version       bigint  not null default 0
);
insert into role_policy (role) values ('ADMIN'), ('SUPERVISOR'), ('DATA_ENTRY'), ('AUDITOR');
