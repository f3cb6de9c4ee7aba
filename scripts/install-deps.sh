#!/usr/bin/env bash
# Installs what symcheck needs to build, run and test on Debian 12, and
# nothing else: Debian packages through apt-get, npm packages from
# package.json through npm. Packages already present are left alone, so
# running it again costs a few dpkg look-ups and no download.
#
# Usage: scripts/install-deps.sh [build|test]
#   build  the compiler, CMake and the libraries (what `make run` needs)
#   test   build, plus cmocka, sanitizer runtimes and the test tools
#          (PostgreSQL's server for scripts/pg-test-server.sh)
#   bench  build, plus wrk and nginx for bench/http (make bench)
#   web    build, plus node, npm and chromium for the browser tests
#          (scripts/browser-tests.sh, which runs npm ci itself)
set -euo pipefail

profile=${1:-test}

build_pkgs=(
  build-essential cmake pkg-config
  libjansson-dev libfyaml-dev libcmark-dev
  libulfius-dev libmicrohttpd-dev
  libsqlite3-dev libpq-dev libsodium-dev zlib1g-dev
)
test_pkgs=(
  clang libclang-rt-14-dev clang-format
  libcmocka-dev
  postgresql
)
bench_pkgs=(wrk nginx-light)
# node and npm may come from elsewhere (NodeSource's nodejs ships npm and
# conflicts with Debian's npm): install Debian's only when the command is missing.
web_pkgs=(chromium)
command -v node >/dev/null || web_pkgs+=(nodejs)
command -v npm >/dev/null || web_pkgs+=(npm)

pkgs=("${build_pkgs[@]}")
if [ "$profile" = test ]; then
  pkgs+=("${test_pkgs[@]}")
fi
if [ "$profile" = bench ]; then
  pkgs+=("${bench_pkgs[@]}")
fi
if [ "$profile" = web ]; then
  pkgs+=("${web_pkgs[@]}")
fi

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "symcheck: installing Debian packages: ${missing[*]}" >&2
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
