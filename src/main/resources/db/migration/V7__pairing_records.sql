-- Pairing assistance becomes a record that local offices enter and edit (issue #5, part 2).
-- Why the published funds become "delivered" and the pledge stays empty, and why one donor type
-- changes: docs/design-decisions/DD008-pairings.md.

-- The sources report what was given or invested in a year, not what was promised: the published
-- figure is the delivered amount. No pledge was published, so none is filled in (missing is not zero).
alter table pairing rename column funds_rmb to funds_delivered_rmb;
alter table pairing rename constraint pairing_funds_rmb_check to pairing_funds_delivered_rmb_check;
alter table pairing add column funds_pledged_rmb bigint
    constraint pairing_funds_pledged_rmb_check check (funds_pledged_rmb >= 0);

-- Enterprises by ownership; ENTERPRISE stays for sources that do not say whose enterprises they are.
alter table pairing drop constraint pairing_donor_type_check;
alter table pairing add constraint pairing_donor_type_check check (donor_type in (
    'EAST_WEST_PROVINCE', 'CENTRAL_UNIT', 'STATE_OWNED_ENTERPRISE', 'PRIVATE_ENTERPRISE', 'ENTERPRISE',
    'SOCIAL_ORGANISATION', 'MILITARY'));

-- The source itself names these donors private enterprises (Xinjiang Poverty Alleviation Office 2019,
-- as cited by Wang and Ding 2021); the old list had no such type. Recorded in DD008.
update pairing set donor_type = 'PRIVATE_ENTERPRISE'
where donor = '1157 private enterprises' and donor_type = 'ENTERPRISE' and year = 2018
  and source = 'Xinjiang Poverty Alleviation Office 2019';

-- Every record says where it comes from.
alter table pairing alter column source set not null;
alter table pairing add constraint pairing_source_given check (length(trim(source)) > 0);

-- More delivered than pledged is allowed, but only with a note that explains it.
alter table pairing add constraint pairing_over_delivery_explained check (
    funds_pledged_rmb is null or funds_delivered_rmb is null or funds_delivered_rmb <= funds_pledged_rmb
    or length(trim(coalesce(note, ''))) > 0);

-- One record per donor, recipient and year.
create unique index pairing_one_per_year on pairing (recipient_region_id, year, lower(donor));

-- The grid's filters: recipient (a region and everything below it: region.path, then the recipient
-- prefix of pairing_one_per_year), donor type and year, alone or together.
drop index pairing_recipient;
create index pairing_year_type on pairing (year, donor_type);
create index pairing_type_year on pairing (donor_type, year);
