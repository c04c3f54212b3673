#!/usr/bin/env bash
# make run: the local backends (a process of their own, reused when one is already up) and the
# service (the production jar, local profile) side by side. The service reports ready once the
# backends answer, seeded. Ctrl-C stops the service, and the backends if this run started them.
# Usage: tools/run-local.sh SERVICE_JAR BACKENDS_CLASSPATH_FILE [service and backends arguments...]
set -euo pipefail
jar=$1 classpath_file=$2
shift 2
java=${JAVA:-java}
control_port=8099
for arg in "$@"; do
  case $arg in --mangaassist.local.control-port=*) control_port=${arg#*=} ;; esac
done

backends_status() {
  # bash's /dev/tcp: no curl needed on a fresh machine
  { exec 3<>"/dev/tcp/127.0.0.1/$control_port"; } 2>/dev/null || return 1
  printf 'GET /status HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  local reply
  reply=$(cat <&3 || true)
  exec 3<&-
  [[ $reply == *'"service":"mangaassist-local-backends"'* ]]
}

backends_pid=
stop_backends() {
  if [[ -n $backends_pid ]]; then
    kill "$backends_pid" 2>/dev/null || true
    wait "$backends_pid" 2>/dev/null || true
  fi
}
trap stop_backends EXIT
trap 'exit 130' INT TERM

if backends_status; then
  echo "make run: reusing the local backends already up (control port $control_port)"
else
  # shellcheck disable=SC2086
  $java ${BACKENDS_JVM_ARGS:-} -cp "$(cat "$classpath_file")" com.mangaassist.local.LocalBackends \
    --mangaassist.local.exit-with-parent=true "$@" &
  backends_pid=$!
fi
# shellcheck disable=SC2086
$java ${SERVICE_JVM_ARGS:-} -jar "$jar" --spring.profiles.active=local "$@"
