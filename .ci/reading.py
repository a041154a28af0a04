#!/usr/bin/env python3
"""Reading time of the course's main chapters, as issue 27 measures it.

reading minutes = markdown words / 150 + learner-visible code lines / 10

A learner-visible code line is a non-blank line of a code cell, `#|` lines aside, in a cell that is neither
`#| hide` nor collapsed with Colab's form view (`# @title ...` plus the cell metadata `cellView: form`).
`#| export` cells always count: the method stays in view.

    python .ci/reading.py            # the table (markdown) for the six main chapters
    python .ci/reading.py --check    # exit 1 if a chapter or the total is over budget, the assertions below their floor,
                                     # or a module / chapter import breaks the layers (one notebook, one module)
    python .ci/reading.py --asserts  # also count assertions in every notebook (floor: 865)
"""
import json, re, sys
from pathlib import Path

NBS = Path(__file__).resolve().parent.parent/'nbs'
MAIN = ['00_data', '01_models', '02_pretrain', '03_gan', '04_inference', '05_metrics']
MAX_WORDS, MAX_LINES, MAX_TOTAL = 2500, 180, 150
ASSERTS = re.compile(r'\b(test_eq_type|test_eq|test_close|test_fail|test_ne|test_is|test_warns|test_stdout|test_shuffled|assert)\b')

def directives(src):
    return [l.strip()[3:].strip().split()[0] for l in src.splitlines() if l.strip().startswith('#|') and l.strip()[3:].strip()]

def collapsed(cell):
    src = ''.join(cell['source'])
    first = next((l for l in src.splitlines() if l.strip() and not l.strip().startswith('#|')), '')
    return first.lstrip().startswith('# @title') and cell.get('metadata', {}).get('cellView') == 'form'

def visible(cell):
    src = ''.join(cell['source'])
    ds = directives(src)
    if any(d in ('export', 'exports') for d in ds): return True
    if 'hide' in ds: return False
    return not collapsed(cell)

def measure(path):
    nb = json.loads(Path(path).read_text())
    words = lines = code_cells = figures = 0
    for c in nb['cells']:
        src = ''.join(c['source'])
        if c['cell_type'] == 'markdown':
            words += len(src.split())   # as the issue counts: whitespace-separated
        elif c['cell_type'] == 'code':
            code_cells += 1
            if visible(c):
                lines += sum(1 for l in src.splitlines() if l.strip() and not l.strip().startswith('#|'))
            figures += sum(1 for o in c.get('outputs', []) if any(k.startswith('image/') for k in o.get('data', {})))
    return dict(words=words, lines=lines, cells=code_cells, figures=figures, minutes=words/150 + lines/10)

def title(name):
    "The notebook's H1 title"
    nb = json.loads((NBS/f'{name}.ipynb').read_text())
    for c in nb['cells']:
        if c['cell_type'] == 'markdown':
            m = re.search(r'^# (.+)$', ''.join(c['source']), re.M)
            if m: return m.group(1).strip()
    return ''

def count_asserts(path):
    nb = json.loads(Path(path).read_text())
    return sum(len(ASSERTS.findall(''.join(c['source']))) for c in nb['cells'] if c['cell_type'] == 'code')

# the package's layers, bottom to top: a module imports only modules below it (serving never imports training)
LAYERS = ['data', 'plumbing', 'fast_data', 'models', 'hardening', 'pretrain', 'gan', 'long_runs', 'inference',
          'fast_inference', 'metrics', 'evaluation', 'bench', 'cli']
CHAPTER_MODULE = dict(zip(MAIN, ['data', 'models', 'pretrain', 'gan', 'inference', 'metrics']))
TRAINING = {'pretrain', 'gan', 'long_runs'}
SERVING = {'inference', 'fast_inference', 'hardening'}

def layering():
    "Problems with one notebook, one module, the layers, and the chapters' imports (an empty list: none)"
    problems, owner = [], {}
    for p in sorted(NBS.glob('*.ipynb')):
        for c in json.loads(p.read_text())['cells']:
            m = re.search(r'^#\|\s*default_exp\s+(\w+)', ''.join(c['source']), re.M)
            if c['cell_type'] == 'code' and m:
                if m.group(1) in owner: problems.append(f'{m.group(1)} is exported by {owner[m.group(1)]} and {p.stem}')
                owner[m.group(1)] = p.stem
    lib = NBS.parent/'colorize_nb'
    for f in sorted(lib.glob('*.py')):
        mod = f.stem
        if mod.startswith('_'): continue
        if mod not in owner: problems.append(f'colorize_nb/{mod}.py: no notebook exports it (left behind by a rename?)'); continue
        if mod not in LAYERS: problems.append(f'colorize_nb/{mod}.py: not in LAYERS'); continue
        for dep in re.findall(r'^\s*from \.(\w+) import', f.read_text(), re.M):
            if dep in LAYERS and LAYERS.index(dep) >= LAYERS.index(mod):
                problems.append(f'colorize_nb/{mod}.py imports .{dep}, which is not below it')
            if mod in SERVING and dep in TRAINING - {'pretrain'}:
                problems.append(f'colorize_nb/{mod}.py (serving) imports .{dep} (training)')
    for i, n in enumerate(MAIN):
        later = {CHAPTER_MODULE[m] for m in MAIN[i + 1:]}
        earlier = {CHAPTER_MODULE[m] for m in MAIN[:i + 1]} | {'plumbing'}
        for c in json.loads((NBS/f'{n}.ipynb').read_text())['cells']:
            if c['cell_type'] != 'code': continue
            src = ''.join(c['source'])
            export = any(d in ('export', 'exports') for d in directives(src))
            for dep in re.findall(r'(?:from|import) colorize_nb\.(\w+)', src):
                if dep in later: problems.append(f'{n} imports colorize_nb.{dep}, a later chapter')
                elif export and dep not in earlier: problems.append(f'{n}: its exported code imports colorize_nb.{dep}, an appendix')
    return problems

def main(argv):
    rows = [(n, measure(NBS/f'{n}.ipynb')) for n in MAIN]
    total = sum(r['minutes'] for _, r in rows)
    print('| chapter | words | code lines a learner sees | figures | reading |')
    print('|---|---:|---:|---:|---:|')
    bad = []
    for n, r in rows:
        over = r['words'] > MAX_WORDS or r['lines'] > MAX_LINES
        if over: bad.append(n)
        print(f"| [{n}](nbs/{n}.ipynb) {title(n)} | {r['words']:,} | {r['lines']} | {r['figures']} | {r['minutes']:.0f} min{' (over)' if over else ''} |")
    print(f"| **the six chapters** | {sum(r['words'] for _, r in rows):,} | {sum(r['lines'] for _, r in rows)} | | **{total:.0f} min** |")
    ok = not bad and total <= MAX_TOTAL
    if '--asserts' in argv or '--check' in argv:
        n = sum(count_asserts(p) for p in sorted(NBS.glob('*.ipynb')))
        print(f'\nassertions in all notebooks: {n} (floor 865)')
        ok = ok and n >= 865
    if '--check' in argv:
        problems = layering()
        for q in problems: print('layers:', q)
        print('within budget' if ok else f'over budget: {bad or "total"}')
        ok = ok and not problems
        return 0 if ok else 1
    return 0

if __name__ == '__main__': sys.exit(main(sys.argv[1:]))
