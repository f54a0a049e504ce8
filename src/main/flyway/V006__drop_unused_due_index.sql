-- runs_due_idx served the claim query of the first engine ("due runs, oldest due first"). The step
-- engine claims through runs_live_due_idx, runs_queued_idx, runs_lease_idx and runs_cleanup_due_idx,
-- and no query reads runs_due_idx any more; it only cost an index write on every claim, step and
-- cleanup update of a run (each changes next_due_at).
drop index if exists runs_due_idx;
