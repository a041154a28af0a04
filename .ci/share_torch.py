#!/usr/bin/env python3
"""CI step 5: give a new environment the torch and torchvision of step 1's, instead of a second 5.5 GB install.

Run with step 1's interpreter: `python .ci/share_torch.py NEW_VENV LINK_DIR`. It finds torch and torchvision in this
environment and every distribution they need (their requirements, recursively, markers evaluated here), makes LINK_DIR a
folder of symbolic links to exactly those (packages, modules and .dist-info folders; nothing else of this environment: not
fastai, nbdev, kornia, onnx...), and puts LINK_DIR on NEW_VENV's path with a .pth file, after NEW_VENV's own site-packages.
pip in NEW_VENV then sees them installed: `pip install --upgrade X torch torchvision` keeps them if they are the newest, and
otherwise installs the newer ones into NEW_VENV, where they come first ("not uninstalling ... outside environment").
"""
import re, sys, sysconfig, subprocess
from pathlib import Path
from importlib import metadata
from packaging.requirements import Requirement

def norm(n): return re.sub(r'[-_.]+', '-', n).lower()

def closure(roots=('torch', 'torchvision')):
    "The distributions of this environment that `roots` need, recursively, with the extras asked for (e.g. cuda-toolkit[cudart])"
    dists = {norm(d.metadata['Name']): d for d in metadata.distributions() if d.metadata['Name']}
    todo, seen, done = [(norm(r), '') for r in roots], {}, set()
    while todo:
        n, extra = todo.pop()
        if (n, extra) in done or n not in dists: continue
        done.add((n, extra)); seen[n] = dists[n]
        for r in dists[n].requires or []:
            req = Requirement(r)
            if req.marker is None or req.marker.evaluate({'extra': extra}):
                todo += [(norm(req.name), '')] + [(norm(req.name), e) for e in req.extras]
    return seen

def top_level(dist, site:Path):
    "The names directly under site-packages that `dist` installed (packages, modules, its .dist-info)"
    names = set()
    for f in dist.files or []:
        parts = Path(str(f)).parts
        if not parts or parts[0] in ('..', '__pycache__') or parts[0].endswith('.pth'): continue
        names.add(parts[0])
    return sorted(n for n in names if (site/n).exists())

def main(new_venv, link_dir):
    site = Path(sysconfig.get_paths()['purelib'])
    link_dir = Path(link_dir); link_dir.mkdir(parents=True, exist_ok=True)
    dists = closure()
    if 'torch' not in dists: sys.exit('share_torch: torch is not installed in this environment')
    for n, d in dists.items():
        for name in top_level(d, site):
            if not (link_dir/name).exists(): (link_dir/name).symlink_to(site/name)
    py = Path(new_venv)/'bin'/'python'
    new_site = subprocess.run([str(py), '-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])'],
                              capture_output=True, text=True, check=True).stdout.strip()
    (Path(new_site)/'_ci_shared_torch.pth').write_text(str(link_dir.resolve()) + '\n')
    print(f'shared with {new_venv} from step 1\'s environment: ' +
          ', '.join(f'{d.metadata["Name"]} {d.version}' for n, d in sorted(dists.items())))

if __name__ == '__main__': main(*sys.argv[1:3])
