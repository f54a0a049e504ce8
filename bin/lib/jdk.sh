# Sourced by bin/* scripts. Finds a JDK >= 21 and exports JAVA_HOME, or exits with a clear message.
# Order: $JAVA_HOME if it is new enough, then the newest JDK among the usual install folders.

antpath_java_major() {
  # Prints the feature version of the java binary given as $1 (e.g. 21, 25), or nothing.
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n1
}

antpath_find_jdk() {
  local wanted=21 candidates=() searched=() best="" best_major=0 dir major
  if [ -n "${JAVA_HOME:-}" ]; then candidates+=("$JAVA_HOME"); fi
  for dir in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -d "$dir" ] && candidates+=("$dir")
  done
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for dir in "${candidates[@]}"; do
    searched+=("$dir")
    [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ] || continue
    major=$(antpath_java_major "$dir/bin/java")
    [ -n "$major" ] || continue
    if [ -n "${JAVA_HOME:-}" ] && [ "$dir" = "$JAVA_HOME" ] && [ "$major" -ge "$wanted" ]; then
      best="$dir"; best_major=$major; break
    fi
    if [ "$major" -ge "$wanted" ] && [ "$major" -gt "$best_major" ]; then
      best="$dir"; best_major=$major
    fi
  done
  if [ -z "$best" ]; then
    {
      echo "antpath: no JDK ${wanted} or newer found (Payara 7 needs class file 65)."
      echo "Looked at JAVA_HOME (${JAVA_HOME:-unset}), the javac on PATH and: ${searched[*]:-nothing}"
      echo "Install one (e.g. 'apt-get install openjdk-21-jdk-headless' or Temurin 21+) or set JAVA_HOME to it."
    } >&2
    exit 1
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
  # JDK 24+ warns on every sun.misc.Unsafe use by Maven's and Payara's libraries; silence that noise.
  ANTPATH_JAVA_OPTS=""
  if [ "$best_major" -ge 24 ]; then ANTPATH_JAVA_OPTS="--sun-misc-unsafe-memory-access=allow"; fi
  export ANTPATH_JAVA_OPTS
  export MAVEN_OPTS="${MAVEN_OPTS:-} $ANTPATH_JAVA_OPTS"
}

antpath_find_jdk
