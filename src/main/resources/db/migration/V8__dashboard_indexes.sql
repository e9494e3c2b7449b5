-- Dashboard aggregations (issue #7). The charts by region read one year at a time and find their rows
-- through yearly_report_year and figure_value_report; the incidence trend reads one metric over every year,
-- which without this index means reading every value of the country.
create index dashboard_figure_value_metric on figure_value (metric, kind, report_id);
