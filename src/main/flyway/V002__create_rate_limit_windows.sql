-- Fixed-window rate-limit counters shared by every instance of the cluster (a per-JVM map would let each
-- instance grant the full limit). One row per bucket, e.g. 'token-mutation:user:<id>'; the counter is
-- bumped with a single atomic upsert, so concurrent requests on any instance are counted exactly.
create table rate_limit_windows (
    bucket        varchar(200) primary key,
    window_start  timestamptz  not null,
    hits          integer      not null,
    constraint rate_limit_windows_hits_ck check (hits >= 0)
);
-- Expired windows are swept by age.
create index rate_limit_windows_start_idx on rate_limit_windows (window_start);
