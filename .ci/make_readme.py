#!/usr/bin/env python3
"""Write README.md from nbs/index.ipynb (nbdev_readme needs quarto, which cannot be installed here).

Markdown cells are copied as they are; code cells are shown as ```python blocks with their output (Markdown output, such as
an `IPython.display.Markdown` table, as Markdown; other output as indented text), except cells marked `#| hide`; cells marked
`#| echo: false` show their output only; nbdev's `#|` directive lines are dropped. `--check` exits 1 if README.md is not what index.ipynb gives.
"""
import json, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent

def render(nb_path):
    nb = json.loads(Path(nb_path).read_text(encoding='utf-8'))
    parts = []
    for cell in nb['cells']:
        src = ''.join(cell['source'])
        lines = src.splitlines()
        directives = [l for l in lines if l.startswith('#|')]
        if any(d.split()[1:2] == ['hide'] for d in directives if len(d.split()) > 1) or any(d.replace(' ', '') == '#|hide' for d in directives):
            continue
        echo = not any(d.replace(' ', '') == '#|echo:false' for d in directives)
        body = '\n'.join(l for l in lines if not l.startswith('#|')).strip('\n')
        if cell['cell_type'] == 'markdown': parts.append(body)
        elif cell['cell_type'] == 'code' and body:
            if echo: parts.append(f'```python\n{body}\n```')
            text = ''
            for o in cell.get('outputs', []):
                if o.get('output_type') == 'stream': text += ''.join(o['text'])
                elif 'data' in o and 'text/markdown' in o['data']:
                    if text.strip(): parts.append('    ' + text.rstrip('\n').replace('\n', '\n    ')); text = ''
                    parts.append(''.join(o['data']['text/markdown']).strip('\n'))
                elif 'data' in o and 'text/plain' in o['data']: text += ''.join(o['data']['text/plain']) + '\n'
            if text.strip(): parts.append('    ' + text.rstrip('\n').replace('\n', '\n    '))
    return '<!-- WARNING: generated from nbs/index.ipynb by .ci/make_readme.py; edit the notebook, not this file -->\n\n' + '\n\n'.join(parts) + '\n'

if __name__ == '__main__':
    text, readme = render(root/'nbs'/'index.ipynb'), root/'README.md'
    if '--check' in sys.argv:
        if not readme.exists() or readme.read_text(encoding='utf-8') != text:
            sys.exit('README.md is stale: run `python .ci/make_readme.py` after editing nbs/index.ipynb, and commit both')
        print('README.md matches nbs/index.ipynb')
    else:
        readme.write_text(text, encoding='utf-8'); print(f'wrote {readme}')
