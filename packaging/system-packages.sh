#!/usr/bin/env bash
# System libraries Qt needs to run offscreen and on a desktop (PySide6 wheels bring Qt itself,
# not the X/GL/font libraries it links against). Installs only what is missing; needs root or sudo.
set -eu
need=""
for pkg in libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need="$need $pkg"
done
[ -z "$need" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "HumanOps needs these system libraries:$need (install them with your package manager)" >&2
  exit 0
fi
sudo_cmd=""
[ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
$sudo_cmd apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends $need
