-- Registered poverty-stricken villages and counties, so that exits can be checked against them.
alter table figure_value drop constraint figure_value_check;
alter table figure_value add constraint figure_value_metric_unit check ((metric, unit) in (
    ('poor_population', 'persons'), ('people_lifted_out', 'persons'),
    ('villages_exited', 'villages'), ('counties_exited', 'counties'),
    ('villages_registered', 'villages'), ('counties_registered', 'counties'),
    ('poverty_incidence', 'percent'), ('people_relocated', 'persons'),
    ('funds_total', 'RMB'), ('funds_central', 'RMB'), ('funds_provincial', 'RMB'), ('funds_relocation', 'RMB')));
