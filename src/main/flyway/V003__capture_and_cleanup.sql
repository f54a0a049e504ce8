-- Output capture and cleanup bookkeeping.

-- Bytes a capture has reserved against its workspace's storage before downloading a file. The
-- reservation and workspaces.storage_used_bytes change in one transaction, and so do the reservation's
-- end and the output_objects row (or the release of the bytes), so used bytes stay exact with several
-- captures at once. A reservation whose capture died is released by the next capture of that run.
create table storage_reservations (
    run_id            uuid         not null references runs (id) on delete cascade,
    workspace_id      uuid         not null references workspaces (id),
    provider_file_id  varchar(255) not null,
    bytes             bigint       not null,
    created_at        timestamptz  not null default now(),
    constraint storage_reservations_pk primary key (run_id, provider_file_id),
    constraint storage_reservations_bytes_ck check (bytes >= 0)
);

alter table runs
    -- Set when every output file of the run was captured or recorded as a capture failure.
    add column outputs_captured_at    timestamptz,
    -- The last cleanup failure, redacted and actionable; null while cleanup is fine.
    add column cleanup_error          varchar(2000),
    add column cleanup_attempt_count  integer not null default 0,
    add constraint runs_cleanup_attempt_count_ck check (cleanup_attempt_count >= 0);

-- Cleanup claims terminal runs whose cleanup is due.
create index runs_cleanup_due_idx on runs (next_due_at)
    where next_due_at is not null and status in ('succeeded', 'failed', 'timed_out', 'canceled');
