#!/usr/bin/env python3
"""eval-typos.py QUERIES SEED: the queries again with more typing errors.

A stress set of saring's own for `make eval`: one word in six gets one
error (a letter changed, dropped, doubled, or two letters swapped; never the
first or last letter), on top of the dev set's own mutations. Deterministic
for a given seed. Prints JSON Lines in the shape of the input.
"""
import json, random, sys
random.seed(int(sys.argv[2]))
def typo(w):
    if len(w) < 4: return w
    i = random.randrange(1, len(w)-1)
    op = random.choice('sdub')
    if op == 's': return w[:i] + random.choice('abcdefghijklmnopqrstuvwxyz') + w[i+1:]
    if op == 'd': return w[:i] + w[i+1:]
    if op == 'u': return w[:i] + w[i] + w[i:]
    return w[:i] + w[i+1] + w[i] + w[i+2:]
for line in open(sys.argv[1]):
    q = json.loads(line)
    words = q['text'].split(' ')
    n = max(1, len(words) // 6)
    for _ in range(n):
        j = random.randrange(len(words)); words[j] = typo(words[j])
    q['text'] = ' '.join(words)
    print(json.dumps(q, ensure_ascii=False))
