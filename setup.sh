#!/usr/bin/env bash
# Installs the Debian packages Job Insight needs (only those missing; postgresql is
# there for the tests of the shared-database mode, which start their own cluster), then
# configures and builds everything into ./build. Safe to run again.
#   ./setup.sh --bench                               # also wrk and the FastAPI peer's packages
#                                                    # (tests/bench/run-all.sh runs this)
#   ./setup.sh --tests                               # also what the browser, AI CLI and OpenAPI
#                                                    # tests need: chromium, playwright-core, the
#                                                    # claude and gemini CLIs, @redocly/cli (npm)
#   (Node.js and npm are always needed: they fetch the pinned Swagger UI that /docs serves)
#   JJI_CMAKE_ARGS="-DJJI_SANITIZE=ON" ./setup.sh    # e.g. an ASan+UBSan build
set -euo pipefail
cd "$(dirname "$0")"

packages=(
  g++ cmake make ninja-build pkg-config git ca-certificates python3 python3-cryptography
  libpoco-dev libpq-dev libssl-dev libexpat1-dev libyaml-cpp-dev libpcre2-dev libtomlplusplus-dev
  libboost-dev libboost-filesystem-dev libcppunit-dev
  postgresql nodejs npm
)
with_tests=false
[ "${1:-}" = "--tests" ] && with_tests=true
if [ "${1:-}" = "--bench" ]; then
  # wrk measures the HTTP benchmark; the FastAPI peer it runs beside ours needs these
  packages+=(wrk python3-fastapi python3-uvicorn python3-aiosqlite)
fi
if $with_tests; then
  # chromium for the browser tests; clang and its runtimes for the libFuzzer targets;
  # aiosmtpd for the SMTP relay the alert tests send to (tests/fakes/fake-smtp)
  # zsh and fish to run the jji client's completion scripts in them
  packages+=(chromium fonts-dejavu-core clang libclang-rt-14-dev python3-aiosmtpd zsh fish)
fi
# npm may come from elsewhere (nodesource, nvm): then Debian's is not needed.
if command -v npm >/dev/null; then
  keep=()
  for package in "${packages[@]}"; do [ "$package" = nodejs ] || [ "$package" = npm ] || keep+=("$package"); done
  packages=("${keep[@]}")
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "setup.sh: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Swagger UI for /docs, pinned by its lock file, is compiled into the binary.
(cd bridge/web/docs && npm ci --no-audit --no-fund --loglevel=error)

# A new build tree uses Ninja; one made before keeps the generator it has.
generator=()
[ -f build/CMakeCache.txt ] || generator=(-G Ninja)
# shellcheck disable=SC2086
cmake -S . -B build "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo ${JJI_CMAKE_ARGS:-}
cmake --build build -j"$(nproc)"
if $with_tests; then
  # playwright-core drives Debian's chromium; the real claude and gemini CLIs run against
  # local fakes of their model APIs; @redocly/cli lints /openapi.json. The lock files pin them.
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
  (cd tests/ai-clis && npm ci --no-audit --no-fund --loglevel=error)
  (cd tests/openapi && npm ci --no-audit --no-fund --loglevel=error)
fi
