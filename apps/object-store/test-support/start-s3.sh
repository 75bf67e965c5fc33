#!/usr/bin/env bash
# Starts OpenStack Swift (Debian's swift-proxy/-object/-container/-account packages) with
# its s3api middleware and tempauth on 127.0.0.1: a real, signature-checking S3 server for
# the S3 blob-store tests (libs/blob-store s3-blob-store.int.test.ts and the app's S3
# matrix). No memcached, no rsync, one replica in a directory: a test fixture, not a cluster.
#
#   bash apps/object-store/test-support/start-s3.sh [dir]      # prints `export ...` lines
#   eval "$(bash apps/object-store/test-support/start-s3.sh)"  # then run the tests
#   bash apps/object-store/test-support/start-s3.sh --stop [dir]
#
# Needs root (writes /etc/swift/swift.conf when missing; Swift reads it from there only)
# and the packages: apt-get install -y swift swift-proxy swift-object swift-container swift-account
set -euo pipefail

if [[ "${1:-}" == "--stop" ]]; then
  dir=${2:-/tmp/tinystack-s3}
  for f in "$dir"/*.pid; do
    [[ -f "$f" ]] && kill "$(cat "$f")" 2>/dev/null || true
    rm -f "$f"
  done
  exit 0
fi

dir=${1:-/tmp/tinystack-s3}
port=${TINYSTACK_S3_PORT:-8380}
base=${TINYSTACK_S3_BASE_PORT:-6310}
for cmd in swift-proxy-server swift-object-server swift-container-server swift-account-server swift-ring-builder; do
  command -v "$cmd" >/dev/null || { echo "start-s3: $cmd missing (apt-get install -y swift swift-proxy swift-object swift-container swift-account)" >&2; exit 1; }
done

"$0" --stop "$dir"
rm -rf "$dir"
mkdir -p "$dir/srv/d1" /etc/swift
if [[ ! -f /etc/swift/swift.conf ]]; then
  printf '[swift-hash]\nswift_hash_path_suffix = tinystack-test\nswift_hash_path_prefix = tinystack-test\n\n[storage-policy:0]\nname = Policy-0\ndefault = yes\n' > /etc/swift/swift.conf
fi

ring() { # name port
  swift-ring-builder "$dir/$1.builder" create 6 1 1 >/dev/null
  swift-ring-builder "$dir/$1.builder" add "r1z1-127.0.0.1:$2/d1" 100 >/dev/null
  swift-ring-builder "$dir/$1.builder" rebalance >/dev/null 2>&1 || true
}
ring object $((base))
ring container $((base + 1))
ring account $((base + 2))

server_conf() { # kind port
  cat > "$dir/$1-server.conf" <<CONF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $2
devices = $dir/srv
mount_check = false
swift_dir = $dir
workers = 0
user = $(id -un)
log_level = WARNING

[pipeline:main]
pipeline = $1-server

[app:$1-server]
use = egg:swift#$1
CONF
}
server_conf object $((base))
server_conf container $((base + 1))
server_conf account $((base + 2))

cat > "$dir/proxy-server.conf" <<CONF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $port
swift_dir = $dir
workers = 0
user = $(id -un)
log_level = WARNING

[pipeline:main]
pipeline = catch_errors gatekeeper proxy-logging cache s3api tempauth slo dlo proxy-logging proxy-server

[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true

[filter:s3api]
use = egg:swift#s3api
location = us-east-1

[filter:tempauth]
use = egg:swift#tempauth
user_test_tester = testing .admin

[filter:cache]
use = egg:swift#memcache

[filter:slo]
use = egg:swift#slo

[filter:dlo]
use = egg:swift#dlo

[filter:catch_errors]
use = egg:swift#catch_errors

[filter:gatekeeper]
use = egg:swift#gatekeeper

[filter:proxy-logging]
use = egg:swift#proxy_logging
CONF

for kind in object container account proxy; do
  "swift-$kind-server" "$dir/$kind-server.conf" > "$dir/$kind.log" 2>&1 &
  echo $! > "$dir/$kind.pid"
done

for _ in $(seq 1 100); do
  if curl -s -o /dev/null "http://127.0.0.1:$port/healthcheck" 2>/dev/null || curl -s -o /dev/null "http://127.0.0.1:$port/"; then
    break
  fi
  sleep 0.2
done
curl -s -o /dev/null "http://127.0.0.1:$port/" || { echo "start-s3: the proxy did not come up; see $dir/*.log" >&2; exit 1; }

cat <<ENV
export TINYSTACK_TEST_S3_ENDPOINT=http://127.0.0.1:$port
export TINYSTACK_TEST_S3_ACCESS_KEY=test:tester
export TINYSTACK_TEST_S3_SECRET_KEY=testing
export TINYSTACK_TEST_S3_SERVER='OpenStack Swift $(dpkg-query -W -f='${Version}' swift 2>/dev/null || echo '?') s3api'
ENV
