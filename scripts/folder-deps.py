#!/usr/bin/env python3
"""Which folders of a Swift target use which others, and the pairs that use each other both ways.

How it counts (an approximation, said so in docs/architecture.md): a folder *declares* the types,
top-level functions and constants written at the top level of its files (class, struct, enum,
protocol, actor, typealias, func, let, var), and also the members it adds in an `extension` of a
type declared elsewhere (an extension's method used elsewhere is a use of the extension's folder).
A folder *uses* another when one of its files, with comments and string literals removed, names
one of the other's declarations as a whole word. Names declared in two folders are ignored.

usage: scripts/folder-deps.py [ROOT...]   (default: every target folder under Sources/ but the C ones)
Each immediate sub-folder of a target is a folder; files at a target's top level form the folder ".".
With several roots, folders are named ROOT/FOLDER and compared across roots too.
"""
import os, re, sys, collections

DECL = re.compile(r'^(?:\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:public |package |internal |fileprivate |private |open |final |indirect |nonisolated |static |@unchecked )*)'
                  r'(class|struct|enum|protocol|actor|typealias|func|let|var)\s+([A-Za-z_]\w*)', re.M)
EXT = re.compile(r'^\s*(?:public |package |internal |fileprivate |private )*extension\s+([A-Za-z_][\w.]*)', re.M)
MEMBER = re.compile(r'^\s+(?:@\w+\s+)*(?:public |package |internal |static |final |nonisolated |mutating |override |@discardableResult )*(?:func|var|let|static func|init)\s+([A-Za-z_]\w*)', re.M)

def strip(text):
    text = re.sub(r'"""[\s\S]*?"""', '""', text)
    text = re.sub(r'"(?:\\.|[^"\\\n])*"', '""', text)
    text = re.sub(r'/\*[\s\S]*?\*/', '', text)
    text = re.sub(r'//[^\n]*', '', text)
    return text

def folders(roots):
    out = collections.defaultdict(list)
    for root in roots:
        for dirpath, _, files in os.walk(root):
            for f in files:
                if not f.endswith('.swift'):
                    continue
                rel = os.path.relpath(dirpath, root)
                top = rel.split(os.sep)[0] if rel != '.' else '.'
                name = (os.path.basename(root.rstrip('/')) + '/' + top) if len(roots) > 1 else top
                out[name].append(os.path.join(dirpath, f))
    return out

def main():
    roots = sys.argv[1:] or [os.path.join('Sources', d) for d in sorted(os.listdir('Sources'))
                             if not d.startswith('C') and os.path.isdir(os.path.join('Sources', d))]
    groups = folders(roots)
    texts = {g: [strip(open(p, encoding='utf-8').read()) for p in ps] for g, ps in groups.items()}
    is_main = {id(t): os.path.basename(p) == 'main.swift' for g, ps in groups.items() for p, t in zip(ps, texts[g])}
    declared = collections.defaultdict(set)
    types_of = {}
    for g, ts in texts.items():
        for t in ts:
            for line in t.split('\n'):
                # an executable's main.swift: its top-level lets are locals, not declarations
                if is_main[id(t)] and line.startswith(('let ', 'var ')):
                    continue
                if line[:1].isspace():
                    continue
                m = DECL.match(line)
                if m:
                    declared[g].add(m.group(2))
    # an executable's declarations are nobody's to use (its top-level names, like answer(), would
    # only add false uses by every folder that says "answer")
    for g, ps in groups.items():
        if any(os.path.basename(p) == 'main.swift' or '@main' in open(p, encoding='utf-8').read() for p in ps):
            declared[g] = set()
    owner = collections.Counter(n for g in declared for n in declared[g])
    home = {n: g for g in declared for n in declared[g] if owner[n] == 1}
    # members added by extensions of another folder's type; a member name declared more than
    # once anywhere (start, label, none...) says nothing about which folder is used, so it is skipped
    member_count = collections.Counter(m.group(1) for ts in texts.values() for t in ts for m in MEMBER.finditer(t))
    for g, ts in texts.items():
        for t in ts:
            for e in EXT.finditer(t):
                base = e.group(1).split('.')[0]
                if home.get(base, g) != g:
                    body = t[e.end(): t.find('\n}', e.end())]
                    for m in MEMBER.finditer(body):
                        n = m.group(1)
                        if n not in home and member_count[n] == 1:
                            home[n] = g
    uses = collections.defaultdict(lambda: collections.defaultdict(set))
    word = re.compile(r'[A-Za-z_]\w*')
    for g, ts in texts.items():
        seen = set()
        for t in ts:
            seen.update(word.findall(t))
        for n in seen:
            h = home.get(n)
            if h and h != g:
                uses[g][h].add(n)
    pairs = sorted({tuple(sorted((a, b))) for a in uses for b in uses[a] if a in uses.get(b, {})})
    for a in sorted(uses):
        print(f"{a} -> " + ", ".join(f"{b}({len(ns)})" for b, ns in sorted(uses[a].items())))
    print(f"\nfolder pairs that use each other both ways: {len(pairs)}")
    for a, b in pairs:
        print(f"  {a} <-> {b}:  {a}->{b}: {', '.join(sorted(uses[a][b])[:6])}  |  {b}->{a}: {', '.join(sorted(uses[b][a])[:6])}")

main()
