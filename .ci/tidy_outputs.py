#!/usr/bin/env python3
"""Tidy notebook outputs after executing them outside Jupyter (execnb, nbdev_test): fastprogress's console progress bars
arrive as carriage-return animations; keep what a terminal would finally show (the results table), drop the bars.
Usage: python .ci/tidy_outputs.py nbs/*.ipynb"""
import json, re, sys

BAR = re.compile(r'\d+(?:\.\d+)?% \[[^\]]*\]')   # the end of a fastprogress bar: '77.78% [7/9 00:02<00:00... 1.5095]'

def tidy(text):
    out = []
    for line in text.split('\n'):
        last = [p for p in line.split('\r') if p.strip('█ ')]
        keep = last[-1].replace('█', '') if last else ''
        if keep.strip().startswith('Epoch ') and '|' in keep:    # a bar; text printed right after an interrupted one (lr_find) stays
            bars = list(BAR.finditer(keep)); keep = keep[bars[-1].end():] if bars else ''
        if keep.strip() or (line == '' and out and out[-1] != ''): out.append(keep.rstrip())
    return '\n'.join(out).strip('\n') + ('\n' if text.endswith('\n') else '')

for fn in sys.argv[1:]:
    nb = json.load(open(fn, encoding='utf-8'))
    changed = False
    for c in nb['cells']:
        outs = []
        for o in c.get('outputs', []):
            if o.get('output_type') == 'stream':
                t = ''.join(o['text']); nt = tidy(t)
                if nt != t: changed = True; o['text'] = nt.splitlines(keepends=True)
                if not nt.strip(): changed = True; continue
            outs.append(o)
        if 'outputs' in c: c['outputs'] = outs
    if changed:
        with open(fn, 'w', encoding='utf-8') as f: json.dump(nb, f, indent=1, ensure_ascii=False); f.write('\n')
        print('tidied', fn)
