#!/usr/bin/env bash
# System libraries Qt needs (PySide6 wheels bring Qt itself, not the GL/font/X libraries it
# links against). Installs only what is missing, through apt-get; needs root or sudo.
#   required: what the offscreen platform (tests, screenshots) needs: a failure stops make
#   desktop:  what the xcb platform (a real window on X11/XWayland) needs: a failure warns
#   --test:   also the real clients the tests check the workspace against: GDAL 3.6's ogrinfo and
#             validate_gpkg.py (gdal-bin, python3-gdal) and QGIS 3.22 (python3-qgis), and the browser
#             a briefing map is opened in, offline (chromium), and poppler-utils (pdftotext,
#             pdftoppm) that read the map exports and situation reports back, and PostgreSQL 15 with
#             PostGIS 3 (a throwaway server the team-workspace tests and benchmark start: tests/pg_cluster.py);
#             a failure warns and those tests skip with the reason
set -u
required="libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core"
desktop="libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 \
libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1"

missing() {
  local out=""
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || out="$out $pkg"; done
  echo "$out"
}

clients=""
[ "${1:-}" = "--test" ] && clients="gdal-bin python3-gdal python3-qgis chromium poppler-utils postgresql-15 postgresql-15-postgis-3"
need_required=$(missing $required)
need_desktop=$(missing $desktop)
need_clients=$(missing $clients)
[ -z "$need_required$need_desktop$need_clients" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg >/dev/null 2>&1; then
  echo "HumanOps needs these system packages:$need_required$need_desktop$need_clients (install them with your package manager)" >&2
  exit 0
fi
sudo_cmd=""
[ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo_cmd apt-get update -qq || echo "apt-get update failed; trying with the package lists at hand" >&2
if [ -n "$need_required" ]; then
  $sudo_cmd apt-get install -y -qq --no-install-recommends $need_required || {
    echo "could not install the libraries Qt needs:$need_required" >&2
    exit 1
  }
fi
if [ -n "$need_desktop" ]; then
  $sudo_cmd apt-get install -y -qq --no-install-recommends $need_desktop ||
    echo "warning: could not install$need_desktop: the app will run offscreen but may not open a window" >&2
fi
if [ -n "$need_clients" ]; then
  $sudo_cmd apt-get install -y -qq --no-install-recommends $need_clients >/dev/null ||
    echo "warning: could not install$need_clients: the tests against GDAL's validator, QGIS, chromium, poppler and PostgreSQL will skip" >&2
fi
exit 0
