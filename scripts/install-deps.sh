#!/usr/bin/env bash
# Installs the Debian packages Grader builds and tests with, when any is missing.
# Needs root (or sudo) the first time; later runs only check and return.
#   scripts/install-deps.sh          what building needs
#   scripts/install-deps.sh scale-out  also slurm-wlm, munge and GNU parallel, for make test-scale-out
#   scripts/install-deps.sh test     also chromium, chromium-driver and curl: the tests open Grader's pages in chromium, drive grader review through chromedriver and send it raw requests with curl
set -euo pipefail

packages=(pkg-config libpcre2-dev libxml2-dev libstemmer-dev libutf8proc-dev libssl-dev zlib1g-dev libxml2-utils)
[ "${1:-}" = "test" ] && packages+=(chromium chromium-driver curl)
[ "${1:-}" = "scale-out" ] && packages+=(slurm-wlm munge parallel)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
