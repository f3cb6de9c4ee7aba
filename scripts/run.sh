#!/bin/sh
# run.sh BINARY - what `make run` starts: the terminal quiz on the anorectal
# pack. (When the HTTP server exists, this starts `symcheck serve` instead.)
set -eu
binary=${1:?usage: scripts/run.sh BINARY}
exec "$binary" quiz --pack packs/anorectal
