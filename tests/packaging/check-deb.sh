#!/bin/sh
# Builds the .deb from the build tree, unpacks it into a scratch root and checks the
# layout, the control data and the maintainer script.   check-deb.sh BUILD_DIR
set -eu
build=$1
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

(cd "$build" && cpack -G DEB -B "$scratch/out" >/dev/null)
deb=$(ls "$scratch"/out/jji_*.deb) || fail "no package built"
dpkg-deb -x "$deb" "$scratch/root"
dpkg-deb -e "$deb" "$scratch/control"

for f in usr/bin/jji-server usr/bin/jji usr/lib/systemd/system/jji.service etc/jji/jji.env \
         usr/share/doc/jji/examples/jji.env.example usr/share/doc/jji/examples/jji.ini.example usr/share/doc/jji/README.md; do
    [ -e "$scratch/root/$f" ] || fail "missing /$f"
done
[ -x "$scratch/root/usr/bin/jji-server" ] || fail "jji-server is not executable"
grep -q '^ExecStart=/usr/bin/jji-server$' "$scratch/root/usr/lib/systemd/system/jji.service" || fail "unit does not run /usr/bin/jji-server"
grep -q '^User=jji$' "$scratch/root/usr/lib/systemd/system/jji.service" || fail "unit does not run as jji"
[ "$(stat -c %a "$scratch/root/etc/jji/jji.env")" = 640 ] || fail "jji.env is not 0640"

depends=$(dpkg-deb -f "$deb" Depends)
for d in adduser libpocofoundation80 libpocodatasqlite80 libpocodatapostgresql80 libssl3 libexpat1 libyaml-cpp0.7 libpcre2-8-0; do
    echo "$depends" | grep -q "$d" || fail "Depends lacks $d: $depends"
done
grep -qx /etc/jji/jji.env "$scratch/control/conffiles" || fail "jji.env is not a conffile"
grep -q 'adduser --system' "$scratch/control/postinst" || fail "postinst does not create the service user"
if grep -Eq 'systemctl (enable|start)|deb-systemd-invoke' "$scratch/control/postinst"; then
    fail "postinst enables or starts the service"
fi
"$scratch/root/usr/bin/jji-server" --help >/dev/null || fail "the packaged jji-server does not run"
echo "package layout ok: $(basename "$deb")"
