-- One valid row in every table; ConstraintsIT violates each constraint against these rows.
insert into app_users (id, email) values ('{U1}', 'owner@example.com');
insert into app_users (id, email, oidc_issuer, oidc_subject) values ('{U2}', 'oidc@example.com', 'https://idp.example', 'sub-1');
insert into user_credentials (user_id, password_hash) values ('{U1}', 'PBKDF2WithHmacSHA256:210000:c2FsdHNhbHRzYWx0:aGFzaGhhc2hoYXNo');
insert into workspaces (id, slug, name, created_by_user_id) values ('{W1}', 'ws-one', 'One', '{U1}');
insert into workspaces (id, slug, name) values ('{W2}', 'ws-two', 'Two');
insert into workspace_memberships (workspace_id, user_id, role) values ('{W1}', '{U1}', 'owner');
insert into api_tokens (id, workspace_id, name, token_prefix, secret_hash, scopes, created_by_user_id)
  values ('{T1}', '{W1}', 'ci', 'ap_abcd', sha256('t1'::bytea), array['runs:read', 'runs:write'], '{U1}');
insert into runs (id, workspace_id, created_by_user_id, idempotency_key, request_hash, spec, timeout_seconds, tier,
                  cap_max_concurrent_runs, cap_storage_bytes, cap_output_safety_bytes, cap_max_timeout_seconds)
  values ('{R1}', '{W1}', '{U1}', 'key-1', sha256('r1'::bytea), '{}', 60, 'standard', 2, 1000, 1000, 3600);
insert into vault_entries (id, workspace_id, run_id, key_id, nonce, ciphertext)
  values ('{V1}', '{W1}', '{R1}', 'k1', decode('000102030405060708090a0b', 'hex'), sha256('c'::bytea));
update runs set execution_secret_id = '{V1}' where id = '{R1}';
insert into run_attempts (id, run_id, workspace_id, attempt_no, worker_id) values ('{A1}', '{R1}', '{W1}', 1, 'worker-1');
insert into provider_resources (id, run_id, workspace_id, run_attempt_id, kind, marker, provider_id, state)
  values ('{P1}', '{R1}', '{W1}', '{A1}', 'agent', 'antpath-p1', 'agent_1', 'created');
insert into run_events (run_id, workspace_id, run_attempt_id, provider_event_id, type)
  values ('{R1}', '{W1}', '{A1}', 'evt_1', 'session.status_idle');
insert into output_objects (id, run_id, workspace_id, provider_file_id, filename, storage_key, size_bytes, sha256)
  values ('{O1}', '{R1}', '{W1}', 'file_1', 'report.txt', 'ws/run/report.txt', 5, sha256('o'::bytea));
insert into output_capture_failures (id, run_id, workspace_id, filename, size_bytes, reason)
  values ('{F1}', '{R1}', '{W1}', 'huge.bin', 99999, 'workspace_quota_exceeded');
insert into cleanup_attempts (id, run_id, workspace_id, step, outcome, worker_id, finished_at)
  values ('{C1}', '{R1}', '{W1}', 'agent', 'succeeded', 'worker-1', now());
insert into usage_ledger (workspace_id, run_id, run_attempt_id, user_id, token_id, source_event_id, input_tokens)
  values ('{W1}', '{R1}', '{A1}', '{U1}', '{T1}', 'evt_1', 10);
insert into audit_log (workspace_id, actor_user_id, action, outcome) values ('{W1}', '{U1}', 'token.create', 'success');
insert into rate_limit_windows (bucket, window_start, hits) values ('token-mutation:workspace:x', now(), 1);
insert into storage_reservations (run_id, workspace_id, provider_file_id, bytes) values ('{R1}', '{W1}', 'file_base', 10);
