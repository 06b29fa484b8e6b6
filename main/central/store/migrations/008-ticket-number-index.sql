-- The visits drill-down (issue 13) shows each ticket's printed number, which only its ticket-issued
-- fact holds: found by device and ticket id through this index, a few hundred lookups a page.
CREATE INDEX sync_records_ticket_issued ON sync_records (device_id, ((fact ->> 'ticketId')::bigint))
  WHERE kind = 'ticket-issued';
