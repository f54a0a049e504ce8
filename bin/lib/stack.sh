# Sourced by bin/dev and bin/cluster (after jdk.sh and postgres.sh): the parts of the local stack they
# share — database, build, local-only secrets, the Claude API simulator, starting Payara Micro and
# waiting for readiness. Expects ROOT (the checkout) and STATE (its .antpath folder); every process it
# starts is appended to the caller's `children` array so the caller's trap can stop it.

# --- database ------------------------------------------------------------------------------------
antpath_ensure_local_database() {
  command -v psql >/dev/null 2>&1 || { echo "antpath: psql is needed to create the 'antpath' database (apt-get install postgresql-client)" >&2; exit 1; }
  local admin=(psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA)
  if ! "${admin[@]}" -c 'select 1' >/dev/null 2>&1; then
    echo "antpath: cannot log in to PostgreSQL at 127.0.0.1:5432 as 'postgres'. Set ANTPATH_DB_URL (and ANTPATH_DB_USER/ANTPATH_DB_PASSWORD) instead." >&2
    exit 1
  fi
  if [ "$("${admin[@]}" -c "select 1 from pg_roles where rolname = 'antpath'")" != 1 ]; then
    "${admin[@]}" -c "create role antpath login password 'antpath'"
  fi
  if [ "$("${admin[@]}" -c "select 1 from pg_database where datname = 'antpath'")" != 1 ]; then
    "${admin[@]}" -c "create database antpath owner antpath"
    echo "antpath: created database 'antpath' on 127.0.0.1:5432"
  fi
  export ANTPATH_DB_URL="jdbc:postgresql://127.0.0.1:5432/antpath"
  export ANTPATH_DB_USER=antpath ANTPATH_DB_PASSWORD=antpath
}

antpath_start_docker_database() {
  docker_pg="antpath-dev-pg-$$"
  echo "antpath: no local PostgreSQL; starting one in Docker ($docker_pg)"
  docker run --rm -d --name "$docker_pg" -p 127.0.0.1:55432:5432 -e POSTGRES_USER=antpath \
    -e POSTGRES_PASSWORD=antpath -e POSTGRES_DB=antpath postgres:16-alpine >/dev/null
  for _ in $(seq 1 60); do
    docker exec "$docker_pg" pg_isready -U antpath >/dev/null 2>&1 && break
    sleep 1
  done
  export ANTPATH_DB_URL="jdbc:postgresql://127.0.0.1:55432/antpath"
  export ANTPATH_DB_USER=antpath ANTPATH_DB_PASSWORD=antpath
}

# ANTPATH_DB_URL if set, else the local server on 127.0.0.1:5432 (started when stopped), else Docker.
antpath_database() {
  if [ -n "${ANTPATH_DB_URL:-}" ]; then
    echo "antpath: using ANTPATH_DB_URL"
  elif antpath_pg_up 127.0.0.1 5432 || antpath_start_local_postgres; then
    antpath_ensure_local_database
  elif command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
    antpath_start_docker_database
  else
    echo "antpath: no PostgreSQL found. Start one on 127.0.0.1:5432 (trust or password auth for 'postgres'), set ANTPATH_DB_URL, or run a Docker engine." >&2
    exit 1
  fi
}

# --- build ---------------------------------------------------------------------------------------
WAR="$ROOT/antpath-web/target/antpath.war"
MICRO="$ROOT/antpath-web/target/payara/payara-micro.jar"

# Builds when the WAR is missing or older than a source (ANTPATH_NO_BUILD=1 uses what is built).
antpath_build() {
  if [ "${ANTPATH_NO_BUILD:-}" = 1 ] && [ -f "$WAR" ] && [ -f "$MICRO" ]; then return 0; fi
  if [ ! -f "$WAR" ] || [ ! -f "$MICRO" ] || [ -n "$(find pom.xml */pom.xml */src src/main/flyway -newer "$WAR" -type f 2>/dev/null | head -n1)" ]; then
    echo "antpath: building (./mvnw -DskipTests install)"
    ./mvnw -B -q -ntp -DskipTests install
  fi
}

# --- local-only secrets --------------------------------------------------------------------------
# Exports the dev-mode settings every instance of the local stack shares: the vault key of this
# checkout (its id starts with 'dev', which production mode refuses), the demo workspaces' secrets
# (generated once per checkout; the server stores only hashes), storage and cookie settings.
antpath_local_settings() {
  if [ ! -s "$STATE/dev-vault.key" ]; then
    (umask 077; head -c 32 /dev/urandom | base64 > "$STATE/dev-vault.key")
  fi
  b64url() { head -c "$1" /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'; }
  if [ ! -s "$STATE/demo.secrets" ]; then
    (umask 077; {
      echo "DEMO_PASSWORD=$(b64url 15)"; echo "DEMO_TOKEN=apt_$(b64url 32)"
      echo "DEMO_OTHER_PASSWORD=$(b64url 15)"; echo "DEMO_OTHER_TOKEN=apt_$(b64url 32)"
    } > "$STATE/demo.secrets")
  fi
  . "$STATE/demo.secrets"
  export ANTPATH_MODE=dev
  export ANTPATH_VAULT_KEYS="dev-local:$(cat "$STATE/dev-vault.key")"
  export ANTPATH_STORAGE_DIR="${ANTPATH_STORAGE_DIR:-$STATE/storage}"
  export ANTPATH_STARTUP_EXIT_ON_FAILURE=true
  # Plain-http localhost: the session cookie cannot be Secure here; anyone may sign up locally.
  export ANTPATH_HTTP_SECURE_COOKIES=false ANTPATH_IDENTITY_SIGNUP_ENABLED=true
}

# The settings that make an instance seed the demo workspaces (idempotent, but not safe to run on
# several instances starting at the same moment: bin/cluster gives them to its first instance only).
antpath_seed_settings() {
  export ANTPATH_DEV_DEMO_PASSWORD="$DEMO_PASSWORD" ANTPATH_DEV_DEMO_TOKEN="$DEMO_TOKEN"
  export ANTPATH_DEV_DEMO_OTHER_PASSWORD="$DEMO_OTHER_PASSWORD" ANTPATH_DEV_DEMO_OTHER_TOKEN="$DEMO_OTHER_TOKEN"
}

# Writes the client settings shared by dev.env and cluster.env to stdout.
antpath_client_env() {
  cat <<ENV
ANTPATH_DEMO_USER=demo@antpath.local
ANTPATH_DEMO_PASSWORD=$DEMO_PASSWORD
ANTPATH_DEMO_TOKEN=$DEMO_TOKEN
ANTPATH_DEMO_OTHER_USER=demo-other@antpath.local
ANTPATH_DEMO_OTHER_PASSWORD=$DEMO_OTHER_PASSWORD
ANTPATH_DEMO_OTHER_TOKEN=$DEMO_OTHER_TOKEN
# The SDK's AntpathClient.fromEnv() reads ANTPATH_API_TOKEN.
ANTPATH_API_TOKEN=$DEMO_TOKEN
# The Claude API simulator the platform talks to (empty when ANTPATH_PROVIDER_BASE_URL was set).
ANTPATH_SIM_URL=$SIM_URL
ENV
}

# --- ports ---------------------------------------------------------------------------------------
antpath_port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Prints the first port from $1 upward that nothing listens on and that is not in the rest of the
# arguments (ports already handed out).
antpath_next_free_port() {
  local port=$1; shift
  while :; do
    if antpath_port_free "$port" && [[ " $* " != *" $port "* ]]; then echo "$port"; return 0; fi
    port=$((port + 1))
    [ "$port" -lt 65000 ] || { echo "antpath: no free port found" >&2; exit 1; }
  done
}

# --- Claude API simulator ------------------------------------------------------------------------
# Starts the simulator on port $1 unless ANTPATH_PROVIDER_BASE_URL names another provider; sets SIM_URL.
antpath_simulator() {
  SIM_URL=""
  if [ -n "${ANTPATH_PROVIDER_BASE_URL:-}" ]; then return 0; fi
  local port=$1 jar
  jar="$(ls "$ROOT"/antpath-claude-sim/target/antpath-claude-sim-*.jar 2>/dev/null | grep -v -e sources -e tests | head -n1)"
  java $ANTPATH_JAVA_OPTS -jar "$jar" "$port" > "$STATE/simulator.log" 2>&1 &
  children+=($!)
  SIM_URL="http://127.0.0.1:$port"
  for _ in $(seq 1 30); do
    grep -q "listening on" "$STATE/simulator.log" 2>/dev/null && break
    sleep 0.5
  done
  grep -q "listening on" "$STATE/simulator.log" || { echo "antpath: the simulator did not start; see .antpath/simulator.log" >&2; exit 1; }
  echo "antpath: Claude API simulator on $SIM_URL (log: .antpath/simulator.log)"
  export ANTPATH_PROVIDER_BASE_URL="$SIM_URL"
}

# --- Payara Micro --------------------------------------------------------------------------------
# Starts one instance in the background: antpath_payara PORT LOG ROOTDIR [extra Payara options...].
# Sets PAYARA_PID.
antpath_payara() {
  local port=$1 log=$2 rootdir=$3; shift 3
  java -Xmx1g $ANTPATH_JAVA_OPTS -jar "$MICRO" --deploy "$WAR" --contextroot / --port "$port" \
    --interfaces 127.0.0.1 --nohostaware --rootdir "$rootdir" \
    --postbootcommandfile "$ROOT/server-config/post-boot-commands.asadmin" "$@" \
    > "$log" 2>&1 &
  PAYARA_PID=$!
  children+=($PAYARA_PID)
}

# Waits until the instance answers /health/ready: antpath_await_ready PID BASE_URL LOG [SECONDS].
# A deployment error does not stop Payara (it answers 404), so the application's readiness decides.
antpath_await_ready() {
  local pid=$1 url=$2 log=$3 limit=${4:-180}
  for _ in $(seq 1 "$limit"); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "antpath: the server $url stopped during start-up:" >&2
      grep -E "SEVERE|antpath (configuration error|start-up failed)" "$log" | tail -n 20 >&2 || tail -n 40 "$log" >&2
      return 1
    fi
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/health/ready" || true)" = 200 ]; then
      return 0
    fi
    sleep 1
  done
  echo "antpath: $url not ready after $limit s; see $log" >&2
  return 1
}
