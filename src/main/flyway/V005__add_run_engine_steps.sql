-- Run engine: a live run that waits for its Claude session is a row and a due time, not a thread.
-- The worker claims one due step of a run, does it under a short lease, writes the next due time and
-- lets go; these columns and indexes serve that loop.

alter table runs
    -- Incremental event ingestion: the provider's page cursor of the page that holds the newest
    -- stored event (null: the first page) and how many events of that page are already stored. The
    -- cursor belongs to the run (its one session), not to an attempt, so an heir continues where the
    -- dead worker stopped instead of reading the session's history again.
    add column events_page   varchar(1024),
    add column events_seen   integer not null default 0,
    add constraint runs_events_seen_ck check (events_seen >= 0);

-- Events and usage were deduplicated per attempt, so a session followed by a second attempt (after a
-- crash) stored its events, and counted its usage, twice. One session per run: deduplicate per run.
delete from run_events e
 using run_events d
 where e.run_id = d.run_id and e.provider_event_id = d.provider_event_id and e.id > d.id;
create unique index run_events_run_provider_event_uq on run_events (run_id, provider_event_id);

delete from usage_ledger u
 using usage_ledger d
 where u.run_id = d.run_id and u.source_event_id = d.source_event_id and u.id > d.id;
create unique index usage_ledger_run_source_uq on usage_ledger (run_id, source_event_id)
    where run_id is not null;

-- Admission: the workspaces with queued runs are found by a loose index scan, and each one's
-- oldest due queued runs by one index range (LATERAL ... LIMIT): the claim costs what it claims,
-- not the depth of the queue.
create index runs_queued_idx on runs (workspace_id, next_due_at, id) where status = 'queued';
-- Steps of live runs that no worker holds, due first.
create index runs_live_due_idx on runs (next_due_at)
    where status in ('starting', 'running') and lease_owner is null;
