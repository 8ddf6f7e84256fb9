#!/bin/sh
# Creates bare repositories for the workspace tests:   make-git-repos.sh DIR
#   DIR/tests.git    main: README.md, tests/test_login.py; branch "feature": + feature.txt
#   DIR/product.git  two commits on main; DIR/product.first holds the first commit's id
set -eu
dir=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git() { command git -c user.name=jji-tests -c user.email=tests@jji.invalid -c init.defaultBranch=main -c advice.detachedHead=false "$@"; }

git init --quiet --bare "$dir/tests.git"
git init --quiet "$work/tests"
(cd "$work/tests" && mkdir tests && echo "def test_login(): assert login() == 200" > tests/test_login.py &&
 echo "tests" > README.md && git add . && git commit --quiet -m first &&
 git checkout --quiet -b feature && echo "feature branch" > feature.txt && git add . && git commit --quiet -m feature &&
 git push --quiet "$dir/tests.git" main feature)

git init --quiet --bare "$dir/product.git"
git init --quiet "$work/product"
(cd "$work/product" && mkdir src && echo "v1" > src/app.py && git add . && git commit --quiet -m v1 &&
 git rev-parse HEAD > "$dir/product.first" &&
 echo "v2" > src/app.py && git add . && git commit --quiet -m v2 && git push --quiet "$dir/product.git" main)
