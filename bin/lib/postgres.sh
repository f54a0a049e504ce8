# Sourced by bin/* scripts: makes sure a PostgreSQL server is there for tests or the local stack.

antpath_pg_up() { # host port
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

antpath_start_local_postgres() {
  # The machines this project runs on have a Debian PostgreSQL cluster; start it when it is stopped.
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    local version
    version=$(ls /etc/postgresql | sort -V | tail -n1)
    echo "antpath: starting the local PostgreSQL $version cluster" >&2
    pg_ctlcluster --skip-systemctl-redirect "$version" main start >/dev/null 2>&1 || true
    for _ in $(seq 1 30); do antpath_pg_up 127.0.0.1 5432 && return 0; sleep 1; done
  fi
  return 1
}

antpath_require_test_postgres() {
  if [ -n "${ANTPATH_TEST_PG_ADMIN_URL:-}" ]; then return 0; fi
  antpath_pg_up 127.0.0.1 5432 && return 0
  antpath_start_local_postgres && return 0
  echo "antpath: tests need PostgreSQL at 127.0.0.1:5432 (trust auth) or ANTPATH_TEST_PG_ADMIN_URL=jdbc:postgresql://host:port/postgres?user=...&password=..." >&2
  exit 1
}
