-- Desk rollups (issue 13, scale): a service's desks over a year or nine years were read from the
-- service's visit rows (223,000 at one centre over nine years at 50 M visits, 0.8 s). Per centre,
-- desk and service by month and year, without hours (a desk's busiest hours are read from its
-- visits); a desk's days are read from the visits, as a desk's day would be nearly a row a visit.
-- Kept by the same code as the others (main/central/monitoring/rollup-sql.ts); a visit never
-- called at a desk is the desk ''.
CREATE TABLE visit_rollup_desk_month (LIKE visit_rollup_month);
ALTER TABLE visit_rollup_desk_month DROP COLUMN week_hours;
ALTER TABLE visit_rollup_desk_month ADD COLUMN desk_id text NOT NULL;
ALTER TABLE visit_rollup_desk_month ADD PRIMARY KEY (centre_id, service_id, desk_id, month);

CREATE TABLE visit_rollup_desk_year (LIKE visit_rollup_desk_month);
ALTER TABLE visit_rollup_desk_year RENAME COLUMN month TO year;
ALTER TABLE visit_rollup_desk_year ADD PRIMARY KEY (centre_id, service_id, desk_id, year);

-- The months of the visits already held, then their years (a year is the sum of its months).
INSERT INTO visit_rollup_desk_month (month, centre_id, desk_id, service_id, tickets, served, no_shows, offered, rated,
  score_1, score_2, score_3, score_4, score_5, reason_waiting_time, reason_staff, reason_result, reason_premises,
  wait_hist, service_hist)
SELECT date_trunc('month', v.local_day)::date, v.centre_id, COALESCE(v.desk_id, ''), v.service_id, count(*),
  count(*) FILTER (WHERE v.outcome = 'done'), count(*) FILTER (WHERE v.outcome = 'no-show'),
  count(*) FILTER (WHERE v.rating_offered), count(*) FILTER (WHERE v.score IS NOT NULL),
  count(*) FILTER (WHERE v.score = 1), count(*) FILTER (WHERE v.score = 2), count(*) FILTER (WHERE v.score = 3),
  count(*) FILTER (WHERE v.score = 4), count(*) FILTER (WHERE v.score = 5),
  count(*) FILTER (WHERE 'waiting-time' = ANY (v.reasons)), count(*) FILTER (WHERE 'staff' = ANY (v.reasons)),
  count(*) FILTER (WHERE 'result' = ANY (v.reasons)), count(*) FILTER (WHERE 'premises' = ANY (v.reasons)),
  hist_agg(CASE WHEN v.waiting_seconds IS NOT NULL THEN LEAST(v.waiting_seconds / 60, histogram_cap_minutes()) END, 1),
  hist_agg(CASE WHEN v.service_seconds IS NOT NULL THEN LEAST(v.service_seconds / 60, histogram_cap_minutes()) END, 1)
FROM visits v GROUP BY 1, 2, 3, 4;

INSERT INTO visit_rollup_desk_year (year, centre_id, desk_id, service_id, tickets, served, no_shows, offered, rated,
  score_1, score_2, score_3, score_4, score_5, reason_waiting_time, reason_staff, reason_result, reason_premises,
  wait_hist, service_hist)
SELECT date_trunc('year', month)::date, centre_id, desk_id, service_id, sum(tickets), sum(served), sum(no_shows),
  sum(offered), sum(rated), sum(score_1), sum(score_2), sum(score_3), sum(score_4), sum(score_5),
  sum(reason_waiting_time), sum(reason_staff), sum(reason_result), sum(reason_premises), hist_sum(wait_hist),
  hist_sum(service_hist)
FROM visit_rollup_desk_month GROUP BY 1, 2, 3, 4;
