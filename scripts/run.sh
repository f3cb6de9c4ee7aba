#!/bin/sh
# run.sh BINARY [SERVE OPTIONS] - what `make run` starts: `symcheck serve`
# on 127.0.0.1:8080 with every pack under packs/ and the SQLite file
# var/symcheck.db. It prints the address it listens on; Ctrl-C stops it.
# (The terminal quiz is `symcheck quiz --pack packs/anorectal`.)
set -eu
binary=${1:?usage: scripts/run.sh BINARY [SERVE OPTIONS]}
shift
exec "$binary" serve "$@"
