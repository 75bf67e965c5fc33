#!/bin/busybox sh
# /init of the tinystack Linux test guest (a busybox initramfs on Debian's kernel).
# It finds the config drive (ISO9660 labelled config-2), prints the instance uuid and the
# user_data to the serial console, then idles. The ACPI power button powers it off, so a
# graceful stop works. Lines it prints start with "tinystack-guest:" so tests can find them.
/bin/busybox mkdir -p /proc /sys /dev /mnt /tmp /etc/acpi/PWRF
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
exec 0</dev/console 1>/dev/console 2>&1
echo "tinystack-guest: linux $(uname -r) booted"

for m in $(cat /etc/modules); do
  insmod "/lib/modules/$m.ko" 2>/dev/null
done

printf '#!/bin/sh\necho "tinystack-guest: power button, powering off" > /dev/console\npoweroff -f\n' > /etc/acpi/PWRF/00000080
chmod +x /etc/acpi/PWRF/00000080
# acpid opens the input devices it finds at start: wait for the power button's node
ev=$(sed -n '/Name="Power Button"/,/Handlers/s/.*\(event[0-9][0-9]*\).*/\1/p' /proc/bus/input/devices | head -n 1)
i=0
while [ -n "$ev" ] && [ ! -e "/dev/input/$ev" ] && [ $i -lt 50 ]; do
  sleep 0.1
  i=$((i + 1))
done
acpid -f -c /etc/acpi -l /tmp/acpid.log &

dev=""
i=0
while [ -z "$dev" ] && [ $i -lt 100 ]; do
  for d in /dev/sr* /dev/hd* /dev/vd* /dev/sd*; do
    [ -b "$d" ] || continue
    # ISO9660 volume id: primary volume descriptor (sector 16) + 40
    if [ "$(dd if="$d" bs=1 skip=32808 count=8 2>/dev/null)" = "config-2" ]; then
      dev="$d"
      break
    fi
  done
  [ -n "$dev" ] || sleep 0.1
  i=$((i + 1))
done

if [ -n "$dev" ] && mount -t iso9660 -o ro "$dev" /mnt; then
  md=/mnt/openstack/latest
  uuid=$(sed -n 's/^{"uuid": *"\([0-9a-f-]*\)".*/\1/p' "$md/meta_data.json")
  echo "tinystack-guest: instance uuid $uuid"
  if [ -f "$md/user_data" ]; then
    echo "tinystack-guest: user_data begin"
    cat "$md/user_data"
    echo
    echo "tinystack-guest: user_data end"
  else
    echo "tinystack-guest: no user_data"
  fi
else
  echo "tinystack-guest: no config drive"
fi
# the net variant of the image (linuxNetGuest) carries networking and dropbear
if [ -x /etc/tinystack/guest-net.sh ]; then
  /etc/tinystack/guest-net.sh /mnt/openstack/latest
fi
echo "tinystack-guest: ready"

while true; do
  sleep 3600
done
