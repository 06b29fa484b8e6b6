-- A desk's visits (issue 13, scale): a desk is not rolled up, so its figures, its visits over the
-- standard and a service's desks are read from the visit rows. Through (centre, day) that read every
-- visit of the centre in the range (1.5 M over nine years at 50 M visits, 0.9 s) to keep a desk's
-- few thousand; through this index it reads only the service's, or the desk's, own rows.
CREATE INDEX visits_centre_service_desk ON visits (centre_id, service_id, (COALESCE(desk_id, '')), local_day);
