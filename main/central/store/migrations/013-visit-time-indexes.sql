-- The visits over a standard, longest first (issue 13, scale): a centre's list over nine years
-- sorted its 1.5 M visits by excess (1.7 s at 50 M visits). The rollups' histograms say how long a
-- visit must be, per service, to be on the page asked for (monitoring/visit-list.ts); through these
-- indexes only those visits are read, a few hundred, however long the range. The day comes last so
-- that a generic plan, which cannot tell a day from nine years, still prefers these to the desk
-- index (011) and checks the range in the index.
CREATE INDEX visits_centre_service_service_seconds ON visits (centre_id, service_id, service_seconds, local_day);
CREATE INDEX visits_centre_service_waiting_seconds ON visits (centre_id, service_id, waiting_seconds, local_day);
