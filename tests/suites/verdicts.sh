#!/bin/sh
# verdicts.sh: the verdict tables in tests/verdicts/ against the starter corpus
# (and those headed "# db: shared" against the shared corpus, when present).
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/env.sh"
export SARING_STARTER_DB="$top/build/starter.db"
# tables headed "# db: shared" run against the shared corpus, when it is there
shared=${SARING_SHARED:-../shared/data}
case $shared in /*) ;; *) shared="$top/$shared" ;; esac
if [ -f "$shared/corpus.jsonl" ] && "$top/saring" --db "$TEST_ENV/shared.db" import "$shared/corpus.jsonl" >/dev/null; then
	export SARING_SHARED_DB="$TEST_ENV/shared.db"
fi
python3 "$top/tests/verdicts/run.py" "$top/saring" "$top"/tests/verdicts/*.tsv
