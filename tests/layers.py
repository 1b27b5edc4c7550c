#!/usr/bin/env python3
"""layers.py: four checks of tests/suites/layers.sh that want more than grep.

  layers.py sizes SRC_DIR      no file of SRC_DIR over 800 lines, no function
                               over 120

  layers.py includes SRC_DIR   each #include "x.h" of SRC_DIR/*.c is used: some
                               identifier x.h declares (function, type, macro,
                               enum constant, variable) appears in the .c file
  layers.py cycles BUILD_DIR   no circle between object files: A.o -> B.o when
                               A.o uses a symbol B.o defines (nm); main.o and
                               cmd_*.o sit on top and are left out
  layers.py circles SRC_DIR    no include circle between modules: x.c, x.h and a
                               private x_int.h are module x; x -> y when one of
                               x's files includes y.h

Each prints one line per fault ("bad: ...") and one per file or graph that
passed ("ok: ..."); layers.sh counts them.
"""
import os
import re
import subprocess
import sys

KEYWORDS = set("""auto break case char const continue default do double else enum extern
float for goto if inline int long register restrict return short signed sizeof static
struct switch typedef union unsigned void volatile while _Bool bool defined""".split())


def strip_c(text):
    """The text without comments, string and character literals."""
    return re.sub(r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'',
                  ' ', text, flags=re.S)


def declared(header_text):
    """What a header declares for its users: (struct, union and enum tags, other identifiers)."""
    text = strip_c(header_text)
    names = set()
    guard = re.search(r'#ifndef\s+(\w+)', text)
    for m in re.finditer(r'^\s*#\s*define\s+(\w+)', text, re.M):
        names.add(m.group(1))
    if guard:
        names.discard(guard.group(1))
    body = re.sub(r'^\s*#.*?(?<!\\)$', ' ', text, flags=re.M | re.S)
    body = re.sub(r'__attribute__\s*\(\(.*?\)\)', ' ', body, flags=re.S)
    tags = set(re.findall(r'\b(?:struct|enum|union)\s+(\w+)\s*\{', body))
    for m in re.finditer(r'\benum\s*\w*\s*\{(.*?)\}', body, re.S):
        names.update(re.findall(r'(?:^|,)\s*(\w+)', m.group(1)))
    for m in re.finditer(r'\btypedef\b[^;]*?(\w+)\s*(?:\)\s*\(.*?\))?\s*;', body, re.S):
        names.add(m.group(1))
    names.update(re.findall(r'\b(\w+)\s*\(', body))
    names.update(re.findall(r'\bextern\b[^;(]*?\b(\w+)\s*(?:\[[^\]]*\])?\s*;', body))
    return tags, names - KEYWORDS - tags


def includes(src):
    faults = 0
    for c in sorted(f for f in os.listdir(src) if f.endswith('.c')):
        text = open(os.path.join(src, c), encoding='utf-8', errors='replace').read()
        code = strip_c(re.sub(r'^\s*#\s*include.*$', ' ', text, flags=re.M))
        used = set(re.findall(r'\w+', code))
        used_tags = set(re.findall(r'\b(?:struct|enum|union)\s+(\w+)', code))
        bad = []
        for h in re.findall(r'^\s*#\s*include\s+"([^"]+)"', text, re.M):
            path = os.path.join(src, h)
            if not os.path.exists(path):
                continue
            tags, names = declared(open(path, encoding='utf-8', errors='replace').read())
            if not (tags & used_tags or names & used):
                bad.append(h)
        for h in bad:
            print('bad: src/%s includes %s and uses nothing it declares' % (c, h))
        if not bad:
            print('ok: src/%s' % c)
        faults += len(bad)
    return faults


def symbols(obj):
    """(defined, undefined) global symbols of an object file."""
    out = subprocess.run(['nm', obj], capture_output=True, text=True, check=True).stdout
    defined, undefined = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == 'U':
            undefined.add(parts[1])
        elif len(parts) == 3 and parts[1] in 'TDBRCGSVW':
            defined.add(parts[2])
    return defined, undefined


def components(graph):
    """The strongly connected components of more than one node (Tarjan), each sorted."""
    index, low, stack, on, sccs = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            scc = []
            while True:
                w = stack.pop()
                on.discard(w)
                scc.append(w)
                if w == v:
                    break
            if len(scc) > 1:
                sccs.append(sorted(scc))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sccs


def circles(src):
    graph = {}
    module = lambda name: re.sub(r'_int$', '', name[:-2])
    for f in sorted(os.listdir(src)):
        if not f.endswith(('.c', '.h')):
            continue
        text = open(os.path.join(src, f), encoding='utf-8', errors='replace').read()
        deps = graph.setdefault(module(f), set())
        for h in re.findall(r'^\s*#\s*include\s+"([^"]+)"', text, re.M):
            if os.path.exists(os.path.join(src, h)) and module(h) != module(f):
                deps.add(module(h))
    sccs = components(graph)
    for scc in sccs:
        print('bad: include circle between modules %s' % ' '.join(scc))
    if not sccs:
        print('ok: no include circle between %d modules' % len(graph))
    return len(sccs)


def cycles(build):
    objs = sorted(f for f in os.listdir(build) if f.endswith('.o') and f != 'main.o'
                  and not f.startswith('cmd_') and not f.startswith('test_'))
    if not objs:
        print('bad: no object files in %s' % build)
        return 1
    syms = {o: symbols(os.path.join(build, o)) for o in objs}
    owner = {}
    for o in objs:
        for s in syms[o][0]:
            owner.setdefault(s, o)
    graph = {o: sorted({owner[s] for s in syms[o][1] if s in owner} - {o}) for o in objs}
    sccs = components(graph)
    for scc in sccs:
        print('bad: circle between %s' % ' '.join(scc))
        for a in scc:
            for b in graph[a]:
                if b in scc:
                    used = sorted(s for s in syms[a][1] if owner.get(s) == b)
                    print('  %s uses %s: %s' % (a, b, ' '.join(used[:4])))
    if not sccs:
        print('ok: no circle between %d object files' % len(objs))
    return len(sccs)


MAX_FILE_LINES = 800
MAX_FUNCTION_LINES = 120


def sizes(src):
    """No source file over MAX_FILE_LINES lines, no function over MAX_FUNCTION_LINES
    (a function: a line at column 0 naming it, to its closing brace at column 0)."""
    faults = 0
    for name in sorted(f for f in os.listdir(src) if f.endswith(('.c', '.h'))):
        lines = open(os.path.join(src, name), encoding='utf-8', errors='replace').read().split('\n')
        bad = []
        if len(lines) > MAX_FILE_LINES:
            bad.append('%d lines (at most %d: split it by what it does)' % (len(lines), MAX_FILE_LINES))
        start = None
        for i, line in enumerate(lines):
            if line == '{' and i > 0 and re.match(r'^[A-Za-z_]', lines[i - 1]) or \
               line == '{' and i > 1 and re.match(r'^[A-Za-z_]', lines[i - 2]) and lines[i - 1].startswith('\t'):
                start = i - 1 if re.match(r'^[A-Za-z_]', lines[i - 1]) else i - 2
            elif line == '}' and start is not None:
                n = i - start + 1
                if n > MAX_FUNCTION_LINES:
                    bad.append('a function of %d lines at line %d (at most %d)'
                               % (n, start + 1, MAX_FUNCTION_LINES))
                start = None
        if bad:
            faults += 1
            print('bad: src/%s: %s' % (name, '; '.join(bad)))
        else:
            print('ok: src/%s' % name)
    return faults


if __name__ == '__main__':
    checks = {'sizes': sizes, 'includes': includes, 'circles': circles, 'cycles': cycles}
    if len(sys.argv) != 3 or sys.argv[1] not in checks:
        sys.exit('usage: layers.py sizes SRC_DIR | includes SRC_DIR | circles SRC_DIR | cycles BUILD_DIR')
    sys.exit(1 if checks[sys.argv[1]](sys.argv[2]) else 0)
