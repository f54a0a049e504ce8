-- Deleting a user keeps what they created in workspaces that live on (tokens, runs); those rows lose
-- their user reference, and the audit log (no foreign keys) still says who acted.
alter table api_tokens alter column created_by_user_id drop not null;
alter table api_tokens
    drop constraint api_tokens_created_by_user_id_fkey,
    add constraint api_tokens_created_by_user_id_fkey
        foreign key (created_by_user_id) references app_users (id) on delete set null,
    drop constraint api_tokens_revoked_by_user_id_fkey,
    add constraint api_tokens_revoked_by_user_id_fkey
        foreign key (revoked_by_user_id) references app_users (id) on delete set null,
    -- Who revoked may be gone; a revoker still needs a revocation time.
    drop constraint api_tokens_revoked_ck,
    add constraint api_tokens_revoked_ck check (revoked_at is not null or revoked_by_user_id is null);
alter table runs
    drop constraint runs_created_by_user_id_fkey,
    add constraint runs_created_by_user_id_fkey
        foreign key (created_by_user_id) references app_users (id) on delete set null,
    -- Attribution is required when a run is submitted (the service always sets it); a deleted
    -- user's runs keep their token or nothing.
    drop constraint runs_attribution_ck;
