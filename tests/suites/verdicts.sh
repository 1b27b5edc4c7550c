#!/bin/sh
# verdicts.sh: the verdict tables in tests/verdicts/ against the starter corpus.
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/env.sh"
export SARING_STARTER_DB="$top/build/starter.db"
python3 "$top/tests/verdicts/run.py" "$top/saring" "$top"/tests/verdicts/*.tsv
