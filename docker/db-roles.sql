-- Two roles for Tuopin (docs/design-decisions/DD025): the owner runs the migrations, the application may only
-- append to the audit trail. Run once as a superuser, in the database Tuopin uses; psql variables carry the
-- passwords: psql -v owner_password=... -v app_password=... -d tuopin -f db-roles.sql
create role tuopin_owner login password :'owner_password';
create role tuopin_app login password :'app_password';
alter database tuopin owner to tuopin_owner;
alter schema public owner to tuopin_owner;
revoke create on schema public from public;
grant usage on schema public to tuopin_app;
