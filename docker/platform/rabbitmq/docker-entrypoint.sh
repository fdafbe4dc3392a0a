#!/usr/bin/env bash
# Entrypoint of patchbay/rabbitmq (docker/platform/rabbitmq/Dockerfile). As root it fixes the data
# directory's owner (a fresh named volume may come owned by root), writes RABBITMQ_DEFAULT_USER /
# RABBITMQ_DEFAULT_PASS / RABBITMQ_DEFAULT_VHOST into rabbitmq.conf, and runs the broker as the
# `rabbitmq` user in the foreground. Debian's /usr/sbin/rabbitmq-server wrapper is bypassed: it
# redirects the broker's output to files and keeps `su` between Docker and the broker.
set -Eeuo pipefail

if [ "$1" = rabbitmq-server ]; then
  conf=/etc/rabbitmq/rabbitmq.conf
  {
    echo '# Written by docker-entrypoint.sh at every start from the environment.'
    echo 'loopback_users = none'
    for pair in default_user:RABBITMQ_DEFAULT_USER default_pass:RABBITMQ_DEFAULT_PASS default_vhost:RABBITMQ_DEFAULT_VHOST; do
      key="${pair%%:*}" name="${pair#*:}" value="${!name:-}"
      [ -n "$value" ] || continue
      # rabbitmq.conf is line-based: a value spanning lines would inject further settings.
      case "$value" in *$'\n'*) echo "$name must be a single line" >&2; exit 1 ;; esac
      echo "$key = $value"
    done
  } >"$conf"
  chmod 640 "$conf"
  if [ "$(id -u)" = 0 ]; then
    chown rabbitmq:rabbitmq "$conf"
    mkdir -p /var/lib/rabbitmq
    chown -R rabbitmq:rabbitmq /var/lib/rabbitmq
    exec setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups /usr/lib/rabbitmq/bin/rabbitmq-server "${@:2}"
  fi
  exec /usr/lib/rabbitmq/bin/rabbitmq-server "${@:2}"
fi

exec "$@"
