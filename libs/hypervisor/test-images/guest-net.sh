#!/bin/sh
# Networking and SSH of the tinystack Linux net test guest, run by /init (guest-init.sh) as
#   /etc/tinystack/guest-net.sh /mnt/openstack/latest
# and by udhcpc as its event script (udhcpc.sh links here; $1 = deconfig|bound|renew|...).
#
# - lo up; every NIC of openstack/latest/network_data.json (OpenStack's format) found by its
#   `ethernet_mac_address`: `mtu`, then for each of its `networks`: type `ipv4` = static
#   (`ip_address`, `netmask` or a prefix in ip_address, `routes` [{network, netmask, gateway}]),
#   `ipv4_dhcp` / `dhcp4` = busybox udhcpc. DNS from `services` (top level and per network).
#   No links at all: udhcpc on every NIC (a NIC plugged without network_data.json).
# - /root/.ssh/authorized_keys from meta_data.json `public_keys`; the hostname; the random seed.
# - dropbear on port 22: host keys made on first use (-R), no password logins (-s -g).
# Console lines (tests wait for them):
#   tinystack-guest: network <iface> <mac> <address/prefix>   (one per configured address)
#   tinystack-guest: network <iface> <mac> none               (a NIC left without an address)
#   tinystack-guest: ssh ready                                 (dropbear listens on :22)
#   tinystack-guest: ssh failed
PATH=/bin:/sbin:/usr/bin:/usr/sbin
T=/etc/tinystack

say() {
  echo "tinystack-guest: $*" > /dev/console
}

# 255.255.255.0 -> 24 (a plain number is already a prefix)
prefix_of() {
  case "$1" in
    *.*) ;;
    *) echo "$1"; return ;;
  esac
  local bits=0 o
  local IFS=.
  for o in $1; do
    case "$o" in
      255) bits=$((bits + 8)) ;;
      254) bits=$((bits + 7)) ;;
      252) bits=$((bits + 6)) ;;
      248) bits=$((bits + 5)) ;;
      240) bits=$((bits + 4)) ;;
      224) bits=$((bits + 3)) ;;
      192) bits=$((bits + 2)) ;;
      128) bits=$((bits + 1)) ;;
    esac
  done
  echo "$bits"
}

mac_of() {
  cat "/sys/class/net/$1/address" 2>/dev/null
}

# udhcpc event script: $interface, $ip, $subnet, $router, $dns, $mtu from udhcpc
dhcp_event() {
  case "$1" in
    deconfig)
      ip -4 addr flush dev "$interface"
      ip link set dev "$interface" up
      ;;
    bound | renew)
      local pfx r
      pfx=$(prefix_of "${subnet:-255.255.255.0}")
      ip -4 addr flush dev "$interface"
      ip addr add "$ip/$pfx" dev "$interface"
      [ -n "$mtu" ] && ip link set dev "$interface" mtu "$mtu"
      for r in $router; do
        ip route replace default via "$r" dev "$interface"
        break
      done
      for r in $dns; do
        echo "nameserver $r"
      done >> /etc/resolv.conf
      say "network $interface $(mac_of "$interface") $ip/$pfx"
      ;;
  esac
}

case "$1" in
  deconfig | bound | renew | leasefail | nak)
    dhcp_event "$1"
    exit 0
    ;;
esac

md=${1:-/mnt/openstack/latest}
flat() {
  [ -f "$1" ] && awk -f "$T/json-flat.awk" "$1"
}
flat "$md/meta_data.json" > /tmp/meta_data.flat
flat "$md/network_data.json" > /tmp/network_data.flat
# the value at a flattened path (dots literal), '' when absent
get() {
  local key
  key=$(echo "$1" | sed 's/\./\\./g')
  sed -n "s/^$key=//p" "$2" | head -n 1
}
# the indices of a flattened array ("links" -> 0 1 2)
indices() {
  sed -n "s/^$1\.\([0-9][0-9]*\)\..*/\1/p" "$2" | uniq
}

# the interface with this MAC, waiting up to 10 s for the driver to create it
iface_of() {
  local mac i=0 d
  mac=$(echo "$1" | tr 'A-F' 'a-f')
  while [ $i -lt 100 ]; do
    for d in /sys/class/net/*; do
      if [ "$(cat "$d/address" 2>/dev/null)" = "$mac" ]; then
        basename "$d"
        return
      fi
    done
    sleep 0.1
    i=$((i + 1))
  done
}

ip link set lo up
: > /etc/resolv.conf

hn=$(get hostname /tmp/meta_data.flat)
[ -n "$hn" ] && hostname "$hn"
seed=$(get random_seed /tmp/meta_data.flat)
[ -n "$seed" ] && echo "$seed" | base64 -d > /dev/urandom 2>/dev/null

nd=/tmp/network_data.flat
links=$(indices links "$nd")
for l in $links; do
  id=$(get "links.$l.id" "$nd")
  mac=$(get "links.$l.ethernet_mac_address" "$nd")
  [ -n "$mac" ] || continue
  ifc=$(iface_of "$mac")
  if [ -z "$ifc" ]; then
    say "no interface with mac $mac"
    continue
  fi
  mtu=$(get "links.$l.mtu" "$nd")
  case "$mtu" in
    '' | null) ;;
    *) ip link set dev "$ifc" mtu "$mtu" ;;
  esac
  ip link set dev "$ifc" up
  configured=""
  for n in $(indices networks "$nd"); do
    [ "$(get "networks.$n.link" "$nd")" = "$id" ] || continue
    type=$(get "networks.$n.type" "$nd")
    case "$type" in
      ipv4)
        addr=$(get "networks.$n.ip_address" "$nd")
        [ -n "$addr" ] || continue
        case "$addr" in
          */*) ;;
          *) addr="$addr/$(prefix_of "$(get "networks.$n.netmask" "$nd")")" ;;
        esac
        ip addr add "$addr" dev "$ifc"
        for r in $(indices "networks.$n.routes" "$nd"); do
          net=$(get "networks.$n.routes.$r.network" "$nd")
          gw=$(get "networks.$n.routes.$r.gateway" "$nd")
          pfx=$(prefix_of "$(get "networks.$n.routes.$r.netmask" "$nd")")
          [ -n "$net" ] && [ -n "$gw" ] || continue
          if [ "$net/$pfx" = "0.0.0.0/0" ]; then
            ip route replace default via "$gw" dev "$ifc"
          else
            ip route replace "$net/$pfx" via "$gw" dev "$ifc"
          fi
        done
        for s in $(indices "networks.$n.services" "$nd"); do
          if [ "$(get "networks.$n.services.$s.type" "$nd")" = dns ]; then
            echo "nameserver $(get "networks.$n.services.$s.address" "$nd")" >> /etc/resolv.conf
          fi
        done
        say "network $ifc $(mac_of "$ifc") $addr"
        configured=1
        ;;
      ipv4_dhcp | dhcp4)
        udhcpc -i "$ifc" -s "$T/udhcpc.sh" -t 5 -T 2 -b > /dev/null 2>&1
        configured=1
        ;;
    esac
  done
  [ -n "$configured" ] || say "network $ifc $(mac_of "$ifc") none"
done
for s in $(indices services "$nd"); do
  if [ "$(get "services.$s.type" "$nd")" = dns ]; then
    echo "nameserver $(get "services.$s.address" "$nd")" >> /etc/resolv.conf
  fi
done
if [ -z "$links" ]; then
  for d in /sys/class/net/*; do
    ifc=$(basename "$d")
    [ "$ifc" = lo ] && continue
    ip link set dev "$ifc" up
    udhcpc -i "$ifc" -s "$T/udhcpc.sh" -t 3 -T 2 -b > /dev/null 2>&1
  done
fi

mkdir -p /root/.ssh /etc/dropbear /dev/pts /var/run /var/log
chmod 700 /root /root/.ssh
mount -t devpts devpts /dev/pts 2>/dev/null
sed -n 's/^public_keys\.[^=]*=//p' /tmp/meta_data.flat > /root/.ssh/authorized_keys
chmod 600 /root/.ssh/authorized_keys
# -F -E: foreground (in the background), log to the console; -R: host keys on first use;
# -s -g: no password logins
dropbear -F -E -R -s -g -p 22 -P /var/run/dropbear.pid 2> /dev/console &
i=0
until netstat -ltn 2>/dev/null | grep -q ':22 '; do
  if [ $i -ge 50 ]; then
    say "ssh failed"
    exit 1
  fi
  sleep 0.1
  i=$((i + 1))
done
say "ssh ready"
