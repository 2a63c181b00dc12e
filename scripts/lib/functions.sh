# Shared by the scripts that start Surge's functions as plain HTTP processes (sourced, not run).
#
# The caller sets RUN_DIR (logs, pid files, copies of the runners) and TAG (prefix of messages); HOST defaults
# to 127.0.0.1. start_function passes extra NAME=VALUE settings to the process's environment.

HOST=${HOST:-127.0.0.1}
PUBLIC_KEY=${PUBLIC_KEY:-$ROOT/config/dev-keys/public.pem}
ATTRIBUTES_PUBLIC_KEY=${ATTRIBUTES_PUBLIC_KEY:-$ROOT/config/dev-keys/attributes-public.pem}

say() { printf '[%s] %s\n' "${TAG:-surge}" "$*" >&2; }
die() { printf '[%s] error: %s\n' "${TAG:-surge}" "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "need root for: $*"; fi
}

# apt_tools COMMAND:PACKAGE ...: installs the Debian packages of the commands that are missing.
apt_tools() {
  local missing=() pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || die "please install: ${missing[*]}"
  say "installing ${missing[*]} from Debian's packages"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Sets JAVA to a Java 17 or newer (JAVA_HOME first).
find_java() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    JAVA=$JAVA_HOME/bin/java
  elif command -v java >/dev/null; then
    JAVA=$(command -v java)
  else
    die "no java found: install a JDK 17 or newer (e.g. apt-get install openjdk-17-jdk-headless)"
  fi
  local version
  version=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
  [[ "${version%%.*}" =~ ^[0-9]+$ ]] && [ "${version%%.*}" -ge 17 ] ||
    die "$JAVA is Java ${version:-of unknown version}; Surge needs 17 or newer (set JAVA_HOME)"
  say "using $JAVA (Java $version)"
}

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

pid_file() { echo "$RUN_DIR/$1.pid"; }

# Prints the pid when the pid file names a live process running a Quarkus runner.
our_pid() {
  local file pid
  file=$(pid_file "$1")
  [ -f "$file" ] || return 1
  pid=$(cat "$file")
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null &&
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'quarkus-run.jar' && echo "$pid"
}

stop_one() {
  local name=$1 pid
  if pid=$(our_pid "$name"); then
    say "stopping $name (pid $pid)"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      say "$name did not stop in 10 s; killing it"
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$(pid_file "$name")"
}

# A function is ready when its readiness checks pass (/q/health/ready answers 200, not 503): warmed up, Redis
# answering a PING, and its MySQL pool (where it has one) answering a query.
ready() {
  curl -fsS -o /dev/null --max-time 2 "http://$HOST:$1/q/health/ready" 2>/dev/null
}

# start_function NAME PORT MODULE [NAME=VALUE ...]: starts the function from a copy of its runner (a later
# build cannot pull jars from under it), in the local profile with the development key. FUNCTION_JAVA_OPTS
# are passed to the JVM. Fails when the runner is missing or the port is taken.
start_function() {
  local name=$1 port=$2 module=$3
  shift 3
  local runner=$module/target/quarkus-app/quarkus-run.jar
  [ -f "$ROOT/$runner" ] || { say "$runner is missing; the build did not make it"; return 1; }
  if port_open "$port"; then
    say "port $port is taken by a process this script did not start; stop it first"
    return 1
  fi
  local app=$RUN_DIR/app/$name
  rm -rf "$app"
  mkdir -p "$RUN_DIR/app"
  cp -R "$ROOT/$module/target/quarkus-app" "$app"
  say "starting $name on port $port (log ${RUN_DIR#"$ROOT"/}/$name.log)"
  # shellcheck disable=SC2086
  env QUARKUS_PROFILE=local SURGE_IDENTITY_PUBLIC_KEY="$PUBLIC_KEY" \
    SURGE_ATTRIBUTES_PUBLIC_KEY="$ATTRIBUTES_PUBLIC_KEY" "$@" \
    nohup "$JAVA" ${FUNCTION_JAVA_OPTS:-} -jar "$app/quarkus-run.jar" >"$RUN_DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$(pid_file "$name")"
}

# wait_ready NAME PORT: waits up to 120 s for the function to be ready; fails (showing its log and readiness)
# otherwise.
wait_ready() {
  local name=$1 port=$2 pid
  [ -f "$(pid_file "$name")" ] || return 1
  pid=$(cat "$(pid_file "$name")")
  for _ in $(seq 1 240); do
    if ready "$port"; then
      say "$name is ready on http://$HOST:$port"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$(pid_file "$name")"
      tail -n 30 "$RUN_DIR/$name.log" >&2 || true
      say "$name exited while starting; see $RUN_DIR/$name.log"
      return 1
    fi
    sleep 0.5
  done
  tail -n 30 "$RUN_DIR/$name.log" >&2 || true
  curl -sS --max-time 2 "http://$HOST:$port/q/health/ready" >&2 2>/dev/null || true
  say "$name was not ready on port $port within 120 s; see $RUN_DIR/$name.log"
  return 1
}

# iso EPOCH-SECONDS: the instant in ISO-8601 UTC, as the admin API takes it.
iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }
