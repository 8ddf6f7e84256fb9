#!/usr/bin/env bash
# check-module.sh CXX OWN_INCLUDE_DIR HIDDEN_HEADERS INCLUDE_DIRS
# The layering check of one module, with the include path its library is compiled with
# (INCLUDE_DIRS, ':'-separated): every header under OWN_INCLUDE_DIR must compile with it
# alone, and each of HIDDEN_HEADERS (':'-separated, one per module it must not use) must
# not be found. One line per edge, so a failure names the edge that leaked.
set -u
cxx=$1 own=$2 hidden=$3 includes=$4
flags=(-std=c++17 -fsyntax-only -x c++ -)
IFS=: read -ra dirs <<< "$includes"
for dir in "${dirs[@]}"; do flags+=(-I "$dir"); done

status=0
own_headers=$(cd "$own" && find . -name '*.h' | sort | sed 's|^\./|#include "|; s|$|"|')
if out=$(printf '%s\n' "$own_headers" | "$cxx" "${flags[@]}" 2>&1); then
  echo "ok: its $(wc -l <<< "$own_headers") headers compile with only the modules it uses"
else
  echo "FAIL: its headers need more than the modules it uses:"
  head -20 <<< "$out"
  status=1
fi

IFS=: read -ra headers <<< "$hidden"
for header in "${headers[@]}"; do
  out=$(printf '#include "%s"\n' "$header" | "$cxx" "${flags[@]}" 2>&1)
  # gcc: "<header>: No such file or directory"; clang: "'<header>' file not found"
  if grep -qF "$header: No such file" <<< "$out" || grep -qF "'$header' file not found" <<< "$out"; then
    echo "ok: cannot include $header"
  else
    echo "FAIL: can include $header (a wrong-way edge)"
    status=1
  fi
done
exit $status
