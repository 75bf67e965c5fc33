#!/bin/sh
# Entrypoint of the compute-agent image: one hypervisor host per container. Starts virtlogd
# and libvirtd inside the container, waits for libvirt's socket, then runs the command (the
# agent) in the foreground. With `init: true` an init process reaps QEMU and the daemons.
set -eu

log() { printf '{"level":"info","service":"compute-agent-entrypoint","msg":"%s"}\n' "$*"; }

# /dev/kvm as Debian's udev rule leaves it: group kvm, 0660, so libvirt's QEMU user can
# open it (the node passed in keeps the host's gid, which means nothing in here).
if [ -c /dev/kvm ]; then
  chgrp kvm /dev/kvm && chmod 0660 /dev/kvm || log "could not chgrp /dev/kvm"
else
  log "no /dev/kvm: guests run under QEMU's TCG emulation"
fi

mkdir -p /run/libvirt /var/lib/libvirt/qemu /var/log/libvirt/qemu /var/lib/tinystack
# a stale pid file from a previous run of this container stops libvirtd from starting
rm -f /run/libvirtd.pid /run/virtlogd.pid /run/libvirt/*.pid

virtlogd -d
libvirtd -d

i=0
until [ -S /run/libvirt/libvirt-sock ]; do
  i=$((i + 1))
  if [ "$i" -gt 100 ]; then
    echo 'compute-agent: libvirtd did not start (no /run/libvirt/libvirt-sock after 10 s)' >&2
    exit 1
  fi
  sleep 0.1
done
log "libvirtd is up"

exec "$@"
