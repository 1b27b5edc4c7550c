#!/bin/sh
# eval-images.sh SHARED: saring on rendered pictures of messages, per form
# (tests/eval-images.py). Texts from SHARED/corpus.jsonl with the eval
# database eval.sh built, or else from the starter corpus. EVAL_IMAGES=40
# texts per form (8 forms, plus everyday pictures).
shared=${1:-../shared/data}
for tool in pango-view convert; do
	command -v $tool >/dev/null 2>&1 || { echo "images: skipped: $tool not installed (make test-deps)"; exit 0; }
done
if [ -f "$shared/corpus.jsonl" ] && [ -f build/eval.db ]; then
	db=build/eval.db corpus=$shared/corpus.jsonl
else
	db=build/starter.db corpus=data/corpus/starter.jsonl
fi
echo "== images ($db)"
python3 tests/eval-images.py "$db" "$corpus" "${EVAL_IMAGES:-40}"
