#!/usr/bin/env python3
"""Colab rehearsal: run every chapter the way a learner does on Google Colab, with Colab's package versions, offline but for PyPI.

A learner opens chapter 0 from its badge, presses Run all, then opens the next chapter in the README's order in the same
runtime, and so on; after a disconnect, or the next day, they press Run all again. This script rehearses exactly that:

1. a fresh virtual environment with Colab's versions (`COLAB_PINS` below; Python 3.13 like Colab; with no nbdev, execnb,
   torchmetrics or kornia, which Colab does not have), plus nbclient/nbformat to drive the kernels;
2. a stand-in `google.colab` (`.ci/colab/stub`), imported when the kernel starts, as on Colab: `drive.mount` makes
   `/content/drive/MyDrive` a plain folder that persists across chapters, like Drive;
3. the setup cell's `git clone https://github.com/colorize-nb/colorize_nb` clones this checkout instead, through a private git
   config (`GIT_CONFIG_GLOBAL`, `url.<file://checkout>.insteadOf`; the real ~/.gitconfig is not touched). It clones the
   COMMITTED HEAD: CI runs on a clean clone, so that is the code under test. Run locally, it tests the last commit, not your
   uncommitted changes: the notebooks run are HEAD's too (read from this checkout with `git show`, the same content as the
   clone's), so that notebook and installed package always match (`--worktree` runs the work tree's notebooks instead);
4. offline data where the code looks for it: `FASTAI_HOME` holds a folder shaped like fastai's COCO sample, 10,000 small
   JPEGs, which `untar_data(URLs.COCO_SAMPLE)` returns without downloading: colourful photos, and about 2.5 % of the odd ones
   the real sample has (greyscale JPEGs of mode L and RGB ones with R = G = B, 3:1 and 1:3 photos, tiny 20x30 ones, photos
   stored sideways with an EXIF Orientation tag 6 or 8), a few of each in quick mode's slices; `TORCH_HOME` holds a
   resnet18 weights file (seeded random weights stand in for ImageNet's: the code path is the same);
5. every chapter (`nbs/[0-9]*.ipynb` of HEAD, in the order HEAD's README lists them) in its own kernel whose cwd is
   /content, with `COLORIZE_NB_FULL=quick` and no `IN_TEST`, EVERY code cell in order (hidden, `#| slow` and `#| cuda` cells
   too: that is what Run all does). All in ONE runtime: /content, the clone and whatever a setup cell installed stay from one
   chapter to the next, so each setup cell must give its chapter what it needs whatever ran before it (e.g. appendix 80's
   `onnx` extra after chapter 0 installed colorize_nb without it). Then Run all AGAIN on the chapters of the course run
   (`--again`, default 02-05), same runtime, same Drive: their training cells must find the run done and say so (checked in
   their outputs), and the run's checkpoint and generators on Drive must be untouched. The first error stops the
   rehearsal: chapter, cell, the start of its source and the traceback are printed, and the exit status is 1;
6. afterwards, torch, torchvision, fastai, fastcore, ipywidgets and numpy must still be the versions the environment started
   with (the setup cells' `pip install` must keep Colab's own).

The rehearsal owns /content (run it as root, on a CI machine or in a container): it removes /content/colorize_nb and
/content/drive before and after the run.
One rehearsal at a time per machine (a lock in the temp dir; a second one fails at once, or waits with --wait). Nothing else
should use /content/drive meanwhile: outside Colab, `course_run_dir()` picks /content/drive/MyDrive whenever it exists.

Usage:
    python .ci/rehearse.py                      # build the Colab environment in a temporary folder, rehearse all chapters, clean up
    python .ci/rehearse.py --chapters 00,03     # only these chapters (prefixes of the notebook names), in order
    python .ci/rehearse.py --keep               # keep the work folder (environment, data, executed notebooks) and /content
    python .ci/rehearse.py --workdir DIR        # work folder to use (CI: inside its own work folder)
    python .ci/rehearse.py --workdir DIR --prepare   # only build the environment and data there (CI: while its tests run);
                                                # a later run with --workdir DIR uses them
    python .ci/rehearse.py --again ''           # no second Run all (default: 02,03,04,05 again after every chapter)
    python .ci/rehearse.py --venv DIR           # reuse an existing environment (e.g. one made by a previous --keep run)
    python .ci/rehearse.py --venv "$(command -v python)" --device cuda   # the current environment (its interpreter), on a GPU
    python .ci/rehearse.py --python /path/to/python3.13   # the interpreter for the new environment
    python .ci/rehearse.py --device cuda        # let the chapters see the GPU (default cpu: CUDA_VISIBLE_DEVICES is emptied)
    python .ci/rehearse.py --keep-going         # after a failing cell go on (cells, chapters) and report every failure
    python .ci/rehearse.py --budget 1500        # at most 25 minutes in all (CI): a cell still running then is a failure
    python .ci/rehearse.py --worktree           # the work tree's notebooks (the package installed is still HEAD's)

Run it with any Python >= 3.8 (standard library only); it drives the kernels from inside the rehearsal environment. The
executed notebooks are written to WORKDIR/executed/ (kept even without --keep; the path is printed). With --venv, the setup
cells' `pip install` goes into that environment (it replaces an editable colorize_nb; `.ci/gpu` reinstalls it afterwards)
and pip's settings come from the environment (e.g. PIP_NO_INDEX/PIP_FIND_LINKS on an offline machine).
"""
import argparse, json, os, re, shutil, signal, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STUB = ROOT/'.ci'/'colab'/'stub'
STARTUP = ROOT/'.ci'/'colab'/'startup'/'00-colab.py'
CONTENT = Path('/content')
REPO_URL = 'https://github.com/colorize-nb/colorize_nb'
KERNEL_NAME = 'colab-rehearsal'
LOCK = Path('/tmp')/'colab_rehearsal.content.lock'   # one rehearsal at a time owns /content (not $TMPDIR: CI moves that)
PY313 = '/root/.pyenv/versions/3.13.0/bin/python'
# Google Colab's versions (the packages the chapters import, and the kernel's); scikit-learn unpinned, nbclient/nbformat run the kernels
COLAB_PINS = {'torch': '2.11.0', 'torchvision': '0.26.0', 'fastai': '2.8.8', 'fastcore': '2.2.12', 'fastprogress': '1.1.6',
              'ipywidgets': '7.7.1', 'matplotlib': '3.10.0', 'numpy': '2.1.3', 'pillow': '11.3.0', 'scikit-image': '0.25.2',
              'opencv-python-headless': '5.0.0.93', 'accelerate': '1.14.0', 'ipykernel': '6.17.1'}
# protobuf: Colab ships it (TensorFlow, google-auth), so `google.protobuf` is there before the first cell, beside the
# `google.colab` stub; installed only by a chapter's pip (onnx needs it), it would land after the stub's `google` package
# had fixed its path, which a real Colab runtime never sees
EXTRA = ['scikit-learn', 'nbclient', 'nbformat', 'protobuf']
FALLBACK_TORCH = {'torch': '2.14.1', 'torchvision': '0.29.1'}   # on this machine's disk for Python 3.11 (the dev pins)
NOT_ON_COLAB = ['nbdev', 'execnb', 'torchmetrics', 'kornia']           # dev-only: the chapters must run without them
KEEP_VERSIONS = ['torch', 'torchvision', 'fastai', 'fastcore', 'ipywidgets', 'numpy']   # the setup cells must not change these
N_PHOTOS = 10_000
WEIGHTS_FILE = 'resnet18-f37072fd.pth'                                   # torchvision's ResNet18_Weights.IMAGENET1K_V1 file name

t0 = time.time()
def say(*a): print(f'[rehearse {time.time() - t0:6.0f}s]', *a, flush=True)


# ---------------------------------------------------------------------------------------------------------------- environment
def venv_python(venv:Path)->Path: return Path(venv)/'bin'/'python'

NEED_GB = 9   # Colab's CUDA build of torch 2.11 and its nvidia-* libraries: about 5.8 GB in the environment, 3 GB of downloads

def free_gb(path:Path)->float: return shutil.disk_usage(path).free / 2**30

def pip_install(py:Path, log:Path, pins:dict=COLAB_PINS)->bool:
    "Install `pins` (Colab's) into the environment of `py`; pip's output goes to `log`"
    reqs = [f'{k}=={v}' for k, v in pins.items()] + EXTRA
    # no wheel cache when the disk is short (a CI machine: the cache would hold a second copy of torch), and patience with
    # the registry: a 530 MB wheel interrupted half-way is resumed rather than started again
    opts = ['--progress-bar', 'off', '--retries', '10'] + ['--no-cache-dir'] * (free_gb(log.parent) < 3 * NEED_GB)
    ver = subprocess.run([str(py), '-c', 'import pip; print(pip.__version__)'], capture_output=True, text=True).stdout.strip()
    if tuple(int(x) for x in re.findall(r'\d+', ver)[:2]) >= (25, 1): opts += ['--resume-retries', '20']
    with open(log, 'a') as f:
        f.write(f'$ {py} -m pip install {" ".join(opts + reqs)}\n(free disk: {free_gb(log.parent):.1f} GB)\n'); f.flush()
        r = subprocess.run([str(py), '-m', 'pip', 'install', *opts, *reqs], stdout=f, stderr=subprocess.STDOUT)
    return r.returncode == 0

def build_venv(base_python:str, venv:Path, log:Path, pins:dict=COLAB_PINS)->bool:
    if venv.exists(): shutil.rmtree(venv)
    r = subprocess.run([base_python, '-m', 'venv', str(venv)], capture_output=True, text=True)
    if r.returncode != 0:
        with open(log, 'a') as f: f.write(f'$ {base_python} -m venv {venv}\n{r.stdout}{r.stderr}\n')
        return False
    subprocess.run([str(venv_python(venv)), '-m', 'pip', 'install', '-q', '--upgrade', 'pip'], capture_output=True)
    ok = pip_install(venv_python(venv), log, pins)
    if not ok: shutil.rmtree(venv, ignore_errors=True)   # a half-built environment: its GBs are needed by the next try
    return ok

PREPARED = 'prepared.json'   # written into the work folder by --prepare: its environment and data are ready

def make_env(args, work:Path)->Path:   # -> the environment's interpreter
    "The rehearsal environment: --venv as is, a --prepare'd one, else a new one with Colab's pins (Python 3.13, or python3)"
    if args.venv:   # a folder (its bin/python) or an interpreter (not resolved: a venv's python is often a symlink)
        given = Path(os.path.abspath(os.path.expanduser(args.venv)))
        py = given if given.is_file() else next((p for p in (given/'bin'/'python', given/'bin'/'python3') if p.exists()), None)
        if py is None or not os.access(py, os.X_OK): sys.exit(f'--venv {args.venv}: neither an interpreter nor a folder with bin/python')
        say(f'reusing the environment of {py}')
        return py
    venv, log = work/'venv', work/'venv-install.log'
    ready = work/PREPARED
    if not args.prepare and ready.exists() and venv_python(venv).exists():   # built beforehand (CI: while its tests ran)
        info = json.loads(ready.read_text())
        args.pins = info['pins']
        say(f'the environment prepared by --prepare in {info["seconds"]:.0f}s: {venv} ({info["python"]})')
        return venv_python(venv)
    if ready.exists(): ready.unlink()
    free = free_gb(work)
    say(f'free disk under {work}: {free:.1f} GB (the environment needs about {NEED_GB} GB)')
    if free < NEED_GB: say(f'WARNING: only {free:.1f} GB free: the environment may not fit (pip then fails with "No space left on device")')
    candidates = [args.python] if args.python else [p for p in (PY313, shutil.which('python3.13')) if p and os.path.exists(p)][:1]
    for py in candidates:
        say(f'building the Colab environment with {py} (log: {log})')
        t = time.time()
        if build_venv(py, venv, log):
            say(f'environment ready in {time.time() - t:.0f}s: {version_of(venv_python(venv), "python")}')
            args.pins = COLAB_PINS
            return venv_python(venv)
        print(tail(log, 25))
        if args.python: sys.exit(f'could not build the environment with {py}; see {log}')
    fallback = shutil.which('python3') or sys.executable
    # the fallback keeps Colab's versions of everything but torch/torchvision, which it takes as the machine has them on disk
    # (this project's dev pins; pip installs them without a download on Python 3.11): a registry that drops a 530 MB
    # download, or a short disk, should not cost the rehearsal of fastai/fastcore 2/ipywidgets 7/numpy 2.1 on the chapters
    pins = {**COLAB_PINS, **FALLBACK_TORCH}
    say(f'WARNING: {"no Python 3.13 found" if not candidates else "the Python 3.13 environment failed"}; FALLING BACK to '
        f'{fallback} ({subprocess.run([fallback, "-V"], capture_output=True, text=True).stdout.strip()}) with the same pins but '
        f'{", ".join(f"{k}=={v}" for k, v in FALLBACK_TORCH.items())}. Colab runs Python 3.13 and torch {COLAB_PINS["torch"]}: '
        'this rehearsal is not exactly Colab\'s')
    if not build_venv(fallback, venv, log, pins):
        print(tail(log, 25)); sys.exit(f'could not build the environment with {fallback} either; see {log}')
    args.pins = pins
    return venv_python(venv)

def tail(path:Path, n:int)->str:
    try: return ''.join(open(path, errors='replace').readlines()[-n:])
    except OSError: return ''

def versions(py:Path, names)->dict:
    code = ('import json, sys, importlib.metadata as m\nout = {}\nfor n in sys.argv[1:]:\n'
            '    try: out[n] = m.version(n)\n    except m.PackageNotFoundError: out[n] = None\nprint(json.dumps(out))')
    r = subprocess.run([str(py), '-c', code, *names], capture_output=True, text=True, env=clean_env())
    if r.returncode != 0: sys.exit(f'cannot read package versions with {py}:\n{r.stderr}')
    return json.loads(r.stdout)

def installed(py:Path)->dict:
    "Every distribution installed in the environment of `py`: normalised name -> version"
    code = ('import json, re, importlib.metadata as m\nprint(json.dumps({re.sub(r"[-_.]+", "-", d.metadata["Name"]).lower(): d.version '
            'for d in m.distributions() if d.metadata["Name"]}))')
    r = subprocess.run([str(py), '-c', code], capture_output=True, text=True, env=clean_env())
    if r.returncode != 0: sys.exit(f'cannot list the packages of {py}:\n{r.stderr}')
    return json.loads(r.stdout)

def fresh_runtime(py:Path, env:dict, start:dict):
    "As a new Colab runtime would be: what the last chapter's pip added is removed, what it upgraded goes back (colorize_nb always goes)"
    now = installed(py)
    added = sorted(set(now) - set(start) | {'colorize-nb'} & set(now))
    changed = sorted(n for n in set(now) & set(start) if now[n] != start[n] and n != 'colorize-nb')
    if added: subprocess.run([str(py), '-m', 'pip', 'uninstall', '-y', '-q', *added], env=env, capture_output=True)
    if changed:
        r = subprocess.run([str(py), '-m', 'pip', 'install', '-q', '--no-deps', *[f'{n}=={start[n]}' for n in changed]],
                           env=env, capture_output=True, text=True)
        if r.returncode != 0: say(f'warning: could not put back {", ".join(changed)}: {r.stderr.strip()[-300:]}')
    if added or changed: say('fresh runtime: ' + ', '.join([f'removed {", ".join(added)}'] * bool(added) +
                                                           [f'put back {", ".join(f"{n} {start[n]}" for n in changed)}'] * bool(changed)))

def version_of(py:Path, what:str)->str:
    if what == 'python': return subprocess.run([str(py), '-V'], capture_output=True, text=True).stdout.strip()
    return versions(py, [what])[what]

def clean_env()->dict:
    "os.environ without what would make the kernel unlike Colab's (or leak this machine's settings into it)"
    drop = {'IN_TEST', 'MPLBACKEND', 'PYTHONPATH', 'PYTHONHOME', 'PYTHONSTARTUP', 'VIRTUAL_ENV', 'IPYTHONDIR', 'COLORIZE_NB_FULL',
            'FASTAI_HOME', 'TORCH_HOME', 'GIT_CONFIG_GLOBAL', 'GIT_DIR', 'GIT_WORK_TREE', 'CUDA_VISIBLE_DEVICES'}
    return {k: v for k, v in os.environ.items() if k not in drop and not k.startswith('JUPYTER')}

def check_env(py:Path, env:dict, args, built:bool):
    "The environment has what the runner needs, lacks what Colab lacks, and imports the stand-in google.colab"
    v = versions(py, ['nbclient', 'nbformat', 'ipykernel', *NOT_ON_COLAB, *COLAB_PINS])
    missing = [n for n in ('nbclient', 'nbformat', 'ipykernel') if v[n] is None]
    if missing: sys.exit(f'the environment lacks {", ".join(missing)} (pip install {" ".join(missing)})')
    extra = [f'{n} {v[n]}' for n in NOT_ON_COLAB if v[n]]
    if extra:
        if built: sys.exit(f'the Colab environment has {", ".join(extra)}, which Colab does not have')
        say(f'note: this environment has {", ".join(extra)}, which Colab does not have')
    pins = getattr(args, 'pins', None) or COLAB_PINS   # the fallback environment's torch is not Colab's, and says so
    off = [f'{n} {v[n]} (Colab: {COLAB_PINS[n]})' for n in COLAB_PINS if v[n] != COLAB_PINS[n]]
    if built and any(v[n] != p for n, p in pins.items()):
        sys.exit(f'the Colab environment does not have the versions it was built with: {", ".join(off)}')
    if off: say(f'note: not Colab\'s versions: {", ".join(off)}')
    r = subprocess.run([str(py), '-c', 'import google.colab, sys; from google.colab import drive, files, output; '
                        'import torch; print(torch.cuda.is_available())'], capture_output=True, text=True, env=env)
    if r.returncode != 0: sys.exit(f'the stand-in google.colab does not import in the environment:\n{r.stderr}')
    cuda = r.stdout.strip().splitlines()[-1] == 'True'
    if args.device == 'cuda' and not cuda: sys.exit('--device cuda, but torch in the environment sees no GPU')
    say(f'environment: {version_of(py, "python")}, ' + ', '.join(f'{n} {v[n]}' for n in KEEP_VERSIONS) +
        f'; device {args.device}{" (GPU visible)" if cuda else ""}')


# ------------------------------------------------------------------------------------------------------ offline data and weights
# The stand-in for fastai's COCO sample is shaped like the real one where the chapters can trip: besides small colour photos,
# greyscale JPEGs (mode L, and RGB with R = G = B), panoramas and towers (3:1, 1:3), tiny photos (20x30) and photos stored
# sideways with an EXIF Orientation tag (6, 8), about 2.5 % of them; a few of each are placed in quick mode's slices (the
# first 256 training and 64 validation photos of the tutorial's seeded split), so that Run all in quick mode meets them
STANDIN_VERSION = 2                                  # bump when the photos change: a kept --workdir then makes them anew
ODD_KINDS = ('grey_L', 'grey_rgb', 'wide', 'tall', 'tiny', 'exif6', 'exif8')
GREY_KINDS = ('grey_L', 'grey_rgb')
ODD_RATE = 0.025
IN_QUICK = {'valid': dict(grey_L=2, grey_rgb=1, wide=1, tall=1, tiny=1, exif6=1, exif8=1),
            'train': {k: 3 for k in ODD_KINDS}}

def quick_split(names:list, n_train:int=8000, n_valid:int=2000, seed:int=123, quick=(256, 64)):
    "The quick-mode slices of the tutorial's split, as `colorize_nb.plumbing.coco_sample_files` draws it: (train, valid) names"
    import numpy as np
    rs = np.random.RandomState(seed)
    subset = rs.choice(np.array(sorted(names), dtype=object), n_train + n_valid, replace=False)
    idx = rs.permutation(n_train + n_valid)
    return [subset[i] for i in idx[:n_train]][:quick[0]], [subset[i] for i in idx[n_train:]][:quick[1]]

def odd_kinds(names:list)->dict:
    "name -> kind for the photos that are not plain colour ones (deterministic)"
    import numpy as np
    rs = np.random.RandomState(1)
    kinds = {n: ODD_KINDS[rs.randint(len(ODD_KINDS))] for n in sorted(names) if rs.rand() < ODD_RATE}
    for split, names_q in zip(('train', 'valid'), quick_split(names)):
        for n in names_q: kinds.pop(n, None)           # in the quick slices exactly the counts of IN_QUICK
        todo = [k for k, c in IN_QUICK[split].items() for _ in range(c)]
        for n, k in zip(names_q[3::max(1, len(names_q) // len(todo))], todo): kinds[n] = k
    return kinds

def _photo(args):
    "One small JPEG: a smooth two-colour gradient and a few blurred shapes (colour is learnable from grey), or an odd one"
    i, name, folder, kind = args
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter
    rs = np.random.RandomState(i)
    w = int(rs.randint(80, 97)); h = w * 3 // 4
    if kind == 'wide': w, h = 3 * h, h
    elif kind == 'tall': w, h = h, 3 * h
    elif kind == 'tiny': w, h = (30, 20) if i % 2 else (20, 30)
    elif kind in ('exif6', 'exif8'): w, h = h, w              # portrait when upright
    c1, c2 = rs.randint(0, 256, 3), rs.randint(0, 256, 3)
    ang = rs.uniform(0, 2 * np.pi)
    yy, xx = np.mgrid[0:h, 0:w]
    t = (np.cos(ang) * xx / w + np.sin(ang) * yy / h); t = (t - t.min()) / (np.ptp(t) + 1e-6)
    img = Image.fromarray((c1 * (1 - t[..., None]) + c2 * t[..., None]).astype(np.uint8))
    d = ImageDraw.Draw(img)
    for _ in range(rs.randint(1, 4)):
        x0, y0 = rs.randint(0, max(1, w - 10)), rs.randint(0, max(1, h - 10))
        box = [x0, y0, x0 + rs.randint(3, max(4, w // 2)), y0 + rs.randint(3, max(4, h // 2))]
        col = tuple(int(c) for c in rs.randint(0, 256, 3))
        (d.ellipse if rs.rand() < 0.5 else d.rectangle)(box, fill=col)
    img, kw = img.filter(ImageFilter.GaussianBlur(1)), dict(quality=85)
    if kind == 'grey_L': img = img.convert('L')                                   # a greyscale JPEG (one component)
    elif kind == 'grey_rgb': img = Image.fromarray(np.repeat(np.asarray(img.convert('L'))[..., None], 3, 2))   # R = G = B
    elif kind in ('exif6', 'exif8'):      # stored sideways; the Orientation tag says how to turn it upright
        img = img.transpose(Image.Transpose.ROTATE_90 if kind == 'exif6' else Image.Transpose.ROTATE_270)
        exif = Image.Exif(); exif[0x0112] = 6 if kind == 'exif6' else 8; kw['exif'] = exif
    img.save(os.path.join(folder, name), **kw)

def prep(fastai_home:Path, torch_home:Path):
    "Runs inside the rehearsal environment: the COCO-shaped sample and the resnet18 weights, then checks both load offline"
    import socket, multiprocessing as mp
    import numpy as np
    t = time.time()
    folder = fastai_home/'data'/'coco_sample'/'train_sample'
    stamp = fastai_home/'standin.json'      # what the stand-in holds (outside the sample's folders: the chapters scan those)
    ids = np.random.RandomState(0).choice(600_000, N_PHOTOS, replace=False)
    names = [f'{int(n):012d}.jpg' for n in ids]
    kinds = odd_kinds(names)
    old = json.loads(stamp.read_text()) if stamp.exists() else {}
    if len(list(folder.glob('*.jpg'))) != N_PHOTOS or old.get('version') != STANDIN_VERSION:
        if folder.exists(): shutil.rmtree(folder)
        folder.mkdir(parents=True)
        jobs = [(i, n, str(folder), kinds.get(n, 'colour')) for i, n in enumerate(names)]
        # the workers take SIGTERM's default back (main() makes it an exception, which could leave a worker hanging at exit)
        with mp.get_context('fork').Pool(max(1, min(8, os.cpu_count() or 1)), initializer=signal.signal,
                                         initargs=(signal.SIGTERM, signal.SIG_DFL)) as pool:
            pool.map(_photo, jobs, chunksize=250)
            pool.close(); pool.join()   # the workers end on their own, not by terminate()
        qt, qv = quick_split(names)
        count = lambda ns: {k: sum(kinds.get(n) == k for n in ns) for k in ODD_KINDS}
        stamp.write_text(json.dumps(dict(version=STANDIN_VERSION, photos=N_PHOTOS, odd=count(names), quick_train=count(qt),
                                         quick_valid=count(qv)), indent=1))
    info = json.loads(stamp.read_text())
    # the odd photos are what they claim: greyscale, the aspect ratios, tiny, upright once their EXIF tag is applied
    from PIL import Image, ImageOps
    for k in ODD_KINDS:
        n = next(n for n, kk in sorted(kinds.items()) if kk == k)
        with Image.open(folder/n) as im:
            up = ImageOps.exif_transpose(im); a = np.asarray(up.convert('RGB')).astype(int)
            ok = {'grey_L': im.mode == 'L', 'grey_rgb': im.mode == 'RGB' and np.abs(a - a.mean(2, keepdims=True)).max() <= 3,
                  'wide': up.width == 3 * up.height, 'tall': up.height == 3 * up.width, 'tiny': max(up.size) == 30,
                  'exif6': im.getexif().get(0x0112) == 6 and up.height > up.width,
                  'exif8': im.getexif().get(0x0112) == 8 and up.height > up.width}[k]
            assert ok, f'stand-in photo {n} is not {k}: mode {im.mode}, size {im.size}, upright {up.size}'
    weights = torch_home/'hub'/'checkpoints'/WEIGHTS_FILE
    if not weights.exists():
        import torch, torchvision
        torch.manual_seed(0)
        weights.parent.mkdir(parents=True, exist_ok=True)
        torch.save(torchvision.models.resnet18().state_dict(), weights)
    def no_network(*a, **k): raise OSError('the Colab rehearsal is offline: no download expected here')
    socket.socket.connect = socket.create_connection = no_network
    from fastai.data.external import untar_data, URLs
    got = untar_data(URLs.COCO_SAMPLE)
    want = fastai_home/'data'/'coco_sample'
    assert Path(got).resolve() == want.resolve(), f'untar_data returned {got}, not {want}'
    n = len(list((Path(got)/'train_sample').glob('*.jpg')))
    assert n == N_PHOTOS, f'{n} photos in {got}/train_sample'
    from torchvision.models import resnet18, ResNet18_Weights
    resnet18(weights=ResNet18_Weights.IMAGENET1K_V1)
    odd = ', '.join(f'{v} {k}' for k, v in info['odd'].items())
    print(f'{n} photos in {got} (untar_data, offline; {sum(info["odd"].values())} odd ones: {odd}; in quick mode\'s slices '
          f'{sum(info["quick_train"].values())} of 256 training and {sum(info["quick_valid"].values())} of 64 validation photos, '
          f'{sum(info["quick_valid"][k] for k in GREY_KINDS)} of those greyscale) and {weights} (resnet18, offline), '
          f'in {time.time() - t:.0f}s', flush=True)


# ------------------------------------------------------------------------------------------------------------ running a chapter
ANSI = re.compile(r'\x1b\[[0-9;]*[A-Za-z]')

def report(name:str, k, i, cell, e, tb:list):
    "What failed: the chapter, the cell, the start of its source and the traceback"
    print(f'\nFAILED: chapter {name}, ' + (f'code cell {k} (cell {i} of the notebook, counting markdown)' if cell is not None
          else 'before any cell could run (or the kernel died)'))
    if cell is not None:
        lines = cell.source.splitlines()
        print('  source:\n' + '\n'.join('    | ' + l for l in lines[:8]) + ('\n    | ...' if len(lines) > 8 else ''))
    from nbclient.exceptions import CellTimeoutError
    if isinstance(e, CellTimeoutError) or not tb: print(f'  {type(e).__name__}: {e}')
    if tb:   # IPython's traceback, one entry per frame: the cell's own frame(s) and the deepest ones
        frames = [ANSI.sub('', f) for f in tb[0].get('traceback', [])]
        cell_frames = [n for n, f in enumerate(frames) if f.startswith('Cell In[')]
        head = (cell_frames[-1] if cell_frames else 1) + 1                  # down to the cell's last frame of its own
        if len(frames) > head + 4: frames = frames[:head] + [f'... ({len(frames) - head - 3} frames) ...'] + frames[-3:]
        print('  traceback:\n' + '\n'.join('    ' + l for l in '\n'.join(frames).splitlines()))
        print('  ' + '\n  '.join(f'{tb[0].get("ename")}: {tb[0].get("evalue")}'.splitlines()))

def run_chapter(nb_in:Path, nb_out:Path, timeout:int, keep_going:bool=False, deadline:float=None)->int:
    "Runs inside the rehearsal environment: every code cell of `nb_in` in a fresh kernel, cwd /content; stops at the first error"
    import warnings, nbformat
    from nbclient import NotebookClient
    warnings.filterwarnings('ignore', message='Cell is missing an id field')   # nbdev_clean's notebooks: not ours to judge
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
    nb = nbformat.read(str(nb_in), as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name=KERNEL_NAME, resources={'metadata': {'path': str(CONTENT)}},
                            allow_errors=False, skip_cells_with_tag='colab-rehearsal-never-skips', record_timing=False)
    code = [i for i, c in enumerate(nb.cells) if c.cell_type == 'code']
    failures = []
    nb_out.parent.mkdir(parents=True, exist_ok=True)
    klog = nb_out.with_suffix('.kernel.log')
    try:
        with open(klog, 'w') as kout, client.setup_kernel(stdout=kout, stderr=subprocess.STDOUT):   # the kernel's own output
            info = client.wait_for_reply(client.kc.kernel_info())
            nb.metadata['language_info'] = info['content']['language_info']
            for k, i in enumerate(code):
                cell, t = nb.cells[i], time.time()
                left = deadline - t if deadline else timeout
                client.timeout = max(1, int(min(timeout, left)))
                try:
                    if left <= 0: raise CellTimeoutError('the rehearsal\'s time budget (--budget) ran out before this cell')
                    client.execute_cell(cell, i, execution_count=k + 1)
                    errs = [o for o in cell.get('outputs', []) if o.get('output_type') == 'error']
                    if errs: raise CellExecutionError('\n'.join(errs[0].get('traceback', [])), errs[0].get('ename'), errs[0].get('evalue'))
                except (CellExecutionError, CellTimeoutError) as e:
                    out_of_time = isinstance(e, CellTimeoutError) and deadline and time.time() >= deadline - 1
                    if out_of_time: e = CellTimeoutError(f'the rehearsal\'s time budget (--budget) ran out in this cell, '
                                                         f'after {time.time() - t:.0f}s of it ({e})')
                    failures.append((k, i, cell, e))
                    if out_of_time or not keep_going: break
                finally:
                    if time.time() - t >= 10:   # the slow cells, as they finish: CI's log shows progress
                        first = cell.source.strip().splitlines()[:1]
                        print(f'    code cell {k}: {time.time() - t:.0f}s  {first[0][:90] if first else ""}', flush=True)
    except Exception as e:   # the kernel did not start, or died
        failures.append((None, None, None, e))
    nbformat.write(nb, str(nb_out))
    for k, i, cell, e in failures:
        report(nb_in.name, k, i, cell, e, [o for o in (cell.get('outputs', []) if cell is not None else []) if o.get('output_type') == 'error'])
        if cell is None: print('  the kernel\'s own output ends with:\n' + ''.join('    ' + l for l in tail(klog, 30).splitlines(True)))
    if failures: print(f'  executed notebook: {nb_out}\n  kernel output: {klog}')
    return 1 if failures else 0


# ----------------------------------------------------------------------------------------------------------------- orchestration
# what the chapters hand on to each other in quick mode: (chapters that must have run before, a regex its outputs must
# match, why, and optionally a test of the match)
def _all_held_out(m, work:Path)->bool:
    "Chapter 5 scored the 64 validation photos of quick mode, less at most the greyscale ones among them (no colour to score)"
    info = json.loads((work/'fastai_home'/'standin.json').read_text())
    return 64 - sum(info['quick_valid'][k] for k in GREY_KINDS) <= int(m.group(1)) <= 64

HANDOFF = {'02_pretrain.ipynb': (set(), r'L1 pretraining done; chapter 3 fine-tunes this run', 'chapter 2 pretrains into the run folder'),
           '04_inference.ipynb': ({'03_gan.ipynb'}, r'colorize_run_quick/generator\.pth: trained at',
                                  'chapter 4 must colorize with the generator chapter 3 wrote to the run folder on Drive'),
           '05_metrics.ipynb': ({'03_gan.ipynb'}, r'\| (\d+) held-out photos, 64²',
                                'chapter 5 must score the course run on the 64 validation photos of quick mode (greyscale ones '
                                'may be left out)', _all_held_out)}
# the second Run all (after a disconnect, or the next day): the training cells find the run complete and say so
HANDOFF_AGAIN = {'02_pretrain.ipynb': (set(), r'colorize_run_quick: the L1 phase is complete: generator_l1\.pth',
                                       'chapter 2 run again must find its L1 phase done in the run folder, not train it again'),
                 '03_gan.ipynb': (set(), r'colorize_run_quick: the run is complete: generator\.pth',
                                  'chapter 3 run again must find the run complete, not train it again')}
AGAIN = '02,03,04,05'   # the chapters that train or use the course run: Run all again, as after a disconnect
RUN_FILES = ('checkpoint.pth', 'generator_l1.pth', 'generator.pth')   # what the second Run all must not touch

def handoff_failure(name:str, executed:Path, work:Path, table:dict, ran:set)->str:
    "None if the chapter handed on what it should (or `table` asks nothing of it), else why not"
    if name not in table or not table[name][0] <= ran: return None
    need, pattern, why, *test = table[name]
    m = re.search(pattern, outputs_text(executed))
    if m and (not test or test[0](m, work)): return None
    return f'{name} ran, but its outputs {"lack" if not m else "show"} {m.group(0) if m else pattern!r}: {why}'

def run_files(run:Path)->dict:
    "The course run's files on Drive: name -> (size, mtime_ns)"
    return {f: ((run/f).stat().st_size, (run/f).stat().st_mtime_ns) for f in RUN_FILES if (run/f).exists()}

def outputs_text(nb_path:Path)->str:
    "Every text output of an executed notebook, joined"
    out = []
    for c in json.loads(Path(nb_path).read_text(encoding='utf-8'))['cells']:
        for o in c.get('outputs', []):
            if 'text' in o: out.append(''.join(o['text']))
            for k in ('text/plain', 'text/markdown'): out.append(''.join(o.get('data', {}).get(k, '')))
    return '\n'.join(out)

def chapters(selection:str):
    """The chapters as the clone has them (`nbs/[0-9]*.ipynb` of HEAD) in the order HEAD's README.md lists them, the order a
    learner opens them in (any it does not list come last, sorted); `selection`: comma-separated name prefixes"""
    r = subprocess.run(['git', '-C', str(ROOT), 'ls-tree', '--name-only', 'HEAD', 'nbs/'], capture_output=True, text=True)
    if r.returncode != 0: sys.exit(f'git ls-tree failed in {ROOT}: {r.stderr}')
    names = sorted(Path(p).name for p in r.stdout.split() if re.fullmatch(r'nbs/[0-9][^/]*\.ipynb', p))
    readme = subprocess.run(['git', '-C', str(ROOT), 'show', 'HEAD:README.md'], capture_output=True, text=True).stdout
    listed = list(dict.fromkeys(re.findall(r'\(nbs/([0-9][^/)]*\.ipynb)\)', readme)))
    names.sort(key=lambda n: (listed.index(n), '') if n in listed else (len(listed), n))
    if selection:
        wanted = [s.strip() for s in selection.split(',') if s.strip()]
        unknown = [w for w in wanted if not any(n.startswith(w) for n in names)]
        if unknown: sys.exit(f'--chapters: no chapter starts with {", ".join(unknown)} (chapters: {", ".join(names)})')
        names = [n for n in names if any(n.startswith(w) for w in wanted)]
    return names

def reset_content(keep:set, drive:bool=False):
    "Remove what the rehearsal created under /content: everything not in `keep`, Drive only if `drive`"
    if not CONTENT.exists(): return
    for p in CONTENT.iterdir():
        if p.name in keep or (p.name == 'drive' and not drive): continue
        if p.is_dir() and not p.is_symlink(): shutil.rmtree(p, ignore_errors=True)
        else: p.unlink()

def take_content_lock(wait:bool):
    "/content is the machine's: one rehearsal at a time (a second one would delete the first one's clone and Drive)"
    import fcntl
    f = open(LOCK, 'a+')
    try: fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        f.seek(0); holder = f.read().strip() or 'unknown'
        if not wait: sys.exit(f'another Colab rehearsal owns {CONTENT} ({holder}); wait for it, or pass --wait')
        say(f'waiting for another Colab rehearsal to finish with {CONTENT} ({holder})')
        fcntl.flock(f, fcntl.LOCK_EX)
    f.seek(0); f.truncate(); f.write(f'pid {os.getpid()}, started {time.strftime("%H:%M:%S")}, checkout {ROOT}\n'); f.flush()
    return f   # held until this process exits

def kernel_env(args, work:Path, py:Path)->dict:
    "The kernels' environment (quick mode, offline data, the clone redirected, the stand-in google.colab), and their spec"
    fastai_home, torch_home, ipydir, jupyter = work/'fastai_home', work/'torch_home', work/'ipython', work/'jupyter'
    gitconfig = work/'gitconfig'
    gitconfig.write_text(f'# private git config of the Colab rehearsal: the setup cell\'s clone of {REPO_URL} clones this checkout\n'
                         f'[url "file://{ROOT}"]\n\tinsteadOf = {REPO_URL}\n[safe]\n\tdirectory = *\n')
    (ipydir/'profile_default'/'startup').mkdir(parents=True, exist_ok=True)
    shutil.copy(STARTUP, ipydir/'profile_default'/'startup'/STARTUP.name)
    spec = jupyter/'kernels'/KERNEL_NAME
    spec.mkdir(parents=True, exist_ok=True)
    (spec/'kernel.json').write_text(json.dumps({'argv': [str(py), '-m', 'ipykernel_launcher', '-f', '{connection_file}'],
                                                'display_name': 'Python 3 (Colab rehearsal)', 'language': 'python'}, indent=1))
    (jupyter/'runtime').mkdir(exist_ok=True)
    env = clean_env()
    env.update(COLORIZE_NB_FULL='quick', FASTAI_HOME=str(fastai_home), TORCH_HOME=str(torch_home), GIT_CONFIG_GLOBAL=str(gitconfig),
               PYTHONPATH=str(STUB), IPYTHONDIR=str(ipydir), JUPYTER_PATH=str(jupyter), JUPYTER_RUNTIME_DIR=str(jupyter/'runtime'),
               PATH=f'{py.parent}{os.pathsep}{os.environ.get("PATH", "")}', PIP_DISABLE_PIP_VERSION_CHECK='1', PIP_NO_INPUT='1')
    if args.device == 'cpu': env['CUDA_VISIBLE_DEVICES'] = ''
    return env

def prepare_data(py:Path, env:dict, work:Path):
    say(f'offline data: {N_PHOTOS} photos under FASTAI_HOME={work/"fastai_home"}, resnet18 weights under TORCH_HOME={work/"torch_home"}')
    r = subprocess.run([str(py), str(Path(__file__).resolve()), '--_prep', str(work/'fastai_home'), str(work/'torch_home')], env=env)
    if r.returncode != 0: sys.exit('preparing the offline data failed')

def main():
    ap = argparse.ArgumentParser(description='Run every chapter as a learner does on Google Colab (see the docstring).',
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split('Usage:')[1])
    ap.add_argument('--python', help=f'interpreter for the new environment (default {PY313}, else python3 as a fallback)')
    ap.add_argument('--device', choices=['cpu', 'cuda'], default='cpu', help='cpu hides any GPU from the chapters (default)')
    ap.add_argument('--keep', action='store_true', help='keep the work folder and /content afterwards')
    ap.add_argument('--chapters', default='', help='comma-separated chapter prefixes, e.g. 00,03 (default: all)')
    ap.add_argument('--again', default=AGAIN,
                    help='after every chapter has run, Run all again on these (prefixes; those also in --chapters), as a learner '
                         'does after a disconnect; "" for none (default %(default)s)')
    ap.add_argument('--venv', help='reuse this environment (a folder, or its python) instead of building the Colab one')
    ap.add_argument('--workdir', help='work folder (default: a new temporary folder)')
    ap.add_argument('--prepare', action='store_true',
                    help='only build the environment and the offline data in --workdir, then exit; a later run with the same '
                         '--workdir uses them (CI builds them while its tests run)')
    ap.add_argument('--timeout', type=int, default=1500, help='seconds per cell (default %(default)s)')
    ap.add_argument('--worktree', action='store_true',
                    help='run the work tree\'s notebooks (default: HEAD\'s, the ones the clone has; the package is HEAD\'s either way)')
    ap.add_argument('--keep-going', action='store_true',
                    help='after a failing cell, run the remaining cells and chapters and report every failure (Run all stops; '
                         'default: stop at the first error like Colab)')
    ap.add_argument('--wait', action='store_true', help='if another rehearsal owns /content, wait for it (default: fail at once)')
    ap.add_argument('--budget', type=int, default=0,
                    help='seconds for this run of the rehearsal, environment included (unless --prepare\'d before); a cell '
                         'still running then fails it (default: no limit)')
    ap.add_argument('--_prep', nargs=2, help=argparse.SUPPRESS)
    ap.add_argument('--_deadline', type=float, help=argparse.SUPPRESS)
    ap.add_argument('--_chapter', nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    # a `timeout` or CI cancel: unwind (kernels shut down, /content cleaned) instead of dying where we stand
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(143))
    if args._prep: return prep(Path(args._prep[0]), Path(args._prep[1]))
    if args._chapter: return run_chapter(Path(args._chapter[0]), Path(args._chapter[1]), args.timeout, args.keep_going, args._deadline)

    if args.prepare:   # the environment and the data only: no chapter runs, /content is not touched
        if not args.workdir or args.venv: sys.exit('--prepare needs --workdir (the folder a later run uses) and builds its own environment')
        work = Path(args.workdir).resolve(); work.mkdir(parents=True, exist_ok=True)
        py = make_env(args, work)
        env = kernel_env(args, work, py)
        check_env(py, env, args, built=True)
        prepare_data(py, env, work)
        (work/PREPARED).write_text(json.dumps(dict(python=version_of(py, 'python'), pins=args.pins, seconds=time.time() - t0)))
        say(f'prepared in {time.time() - t0:.0f}s: {work} (a rehearsal with --workdir {work} uses it)')
        return 0

    names = chapters(args.chapters)
    again = [n for n in chapters(args.again) if n in names] if args.again.strip() else []
    head = subprocess.run(['git', '-C', str(ROOT), 'log', '-1', '--format=%h %s'], capture_output=True, text=True).stdout.strip()
    say(f'rehearsing {len(names)} chapter(s) of {ROOT} at HEAD {head[:100]}' +
        (f', then Run all again on {", ".join(again)}' if again else ''))
    dirty = subprocess.run(['git', '-C', str(ROOT), 'status', '--porcelain', '--untracked-files=no'], capture_output=True, text=True).stdout
    if dirty.strip():
        say('note: the work tree has uncommitted changes, which are NOT rehearsed: the setup cells clone and install the '
            'committed HEAD, and the notebooks run are HEAD\'s too' + (' (but --worktree: the notebooks are the work tree\'s, the '
            'package HEAD\'s)' if args.worktree else '') + ':\n' + ''.join('    ' + l + '\n' for l in dirty.splitlines()[:10]).rstrip())
    try: CONTENT.mkdir(exist_ok=True)
    except OSError as e: sys.exit(f'cannot create {CONTENT} ({e}): the rehearsal runs as root, as Colab does')
    lock = take_content_lock(args.wait)
    if os.path.ismount(CONTENT/'drive'): sys.exit(f'{CONTENT/"drive"} is a mount point: refusing to rehearse over a real Drive')

    work = Path(args.workdir).resolve() if args.workdir else Path(tempfile.mkdtemp(prefix='colab_rehearsal.'))
    work.mkdir(parents=True, exist_ok=True)
    prepared = not args.venv and (work/PREPARED).exists()
    py = make_env(args, work)
    env = kernel_env(args, work, py)
    check_env(py, env, args, built=not args.venv)
    prepare_data(py, env, work)   # made already if --prepare'd: then only checked

    if 'colorize-nb' in installed(py):   # a reused environment (--venv): Colab has no colorize_nb before the first setup cell
        subprocess.run([str(py), '-m', 'pip', 'uninstall', '-y', '-q', 'colorize-nb'], env=env, capture_output=True)
        say('colorize_nb uninstalled from the environment: the first setup cell installs it, as on Colab')
    start = installed(py)                        # the runtime as Colab hands it over
    before = {k: start.get(k) for k in KEEP_VERSIONS}
    changed = {}                                  # Colab's own packages that a chapter's setup cell changed
    keep = {p.name for p in CONTENT.iterdir()} - {'colorize_nb', 'drive'}   # what was there before us stays
    reset_content(keep, drive=True)
    run_dir = CONTENT/'drive'/'MyDrive'/'colorize_nb'/'colorize_run_quick'
    executed, times, failed = work/'executed', [], []
    # ONE runtime for every chapter, in the README's order, as a learner goes through the course: /content (the clone),
    # the packages a setup cell installed and Drive stay from one chapter to the next; each chapter in its own kernel. Each
    # setup cell must give its chapter what it needs whatever ran before it (issue 13: appendix 80 after chapter 0 meets a
    # clone and an installed colorize_nb without the `onnx` extra). Then Run all again on the chapters of the course run
    # (--again), in the same runtime and Drive, as after a disconnect: they must find the run done and retrain nothing.
    runs = [(name, False) for name in names] + [(name, True) for name in again]
    ran, files_before = set(), None
    try:
        for name, second in runs:
            if second and failed and not args.keep_going: break
            if second and files_before is None:
                files_before = run_files(run_dir)
                say(f'second Run all, same runtime and Drive: {", ".join(again)} (the run folder holds '
                    f'{", ".join(files_before) or "nothing"})')
            nb_in = ROOT/'nbs'/name
            if not (args.worktree and nb_in.exists()):   # the notebook as committed: the one the clone (and Colab's badge) has
                nb_in = work/'head_nbs'/name; nb_in.parent.mkdir(exist_ok=True)
                nb_in.write_bytes(subprocess.run(['git', '-C', str(ROOT), 'show', f'HEAD:nbs/{name}'], capture_output=True, check=True).stdout)
            out = executed/(name.replace('.ipynb', '.again.ipynb') if second else name)
            label = f'chapter {name}' + (' (Run all again)' if second else '')
            say(f'{label}: Run all')
            t = time.time()
            r = subprocess.run([str(py), str(Path(__file__).resolve()), '--_chapter', str(nb_in), str(out),
                                '--timeout', str(args.timeout)] + ['--keep-going'] * args.keep_going +
                               ['--_deadline', str(t0 + args.budget)] * bool(args.budget), env=env, cwd=str(CONTENT))
            ok = r.returncode == 0
            after = versions(py, KEEP_VERSIONS)   # checked after a failure too: one more thing for the chapters' owners to know
            for k in KEEP_VERSIONS:
                if before[k] != after[k]: changed.setdefault(k, f'{k} {before[k]} -> {after[k]} (in {name})')
            if ok:
                why = handoff_failure(name, out, work, HANDOFF_AGAIN if second else HANDOFF, set() if second else ran)
                if why is None and second and name in HANDOFF and name not in HANDOFF_AGAIN:   # 04, 05: as the first time
                    why = handoff_failure(name, out, work, HANDOFF, ran)
                if why: print(f'FAILED: {why}'); ok = False
            if not second: ran.add(name)
            times.append((name, second, time.time() - t, ok))
            say(f'{label}: {"passed" if ok else "FAILED"} in {times[-1][2]:.0f}s')
            if not ok:
                failed.append(name + (' (Run all again)' if second else ''))
                if not args.keep_going or (args.budget and time.time() >= t0 + args.budget): break
        if files_before is not None and not failed:
            now = run_files(run_dir)
            touched = [f for f in RUN_FILES if files_before.get(f) != now.get(f)]
            if touched:
                failed.append('the second Run all')
                print(f'\nFAILED: the second Run all changed the finished run\'s {", ".join(touched)} in {run_dir}: it trained again')
            else: say(f'the second Run all retrained nothing: {", ".join(now) or "no run files"} in {run_dir} unchanged')
        if changed:
            failed.append('package versions')
            print(f'\nFAILED: the setup cells\' pip install changed Colab\'s own packages: {", ".join(changed.values())} '
                  '(the package\'s requirements must accept the versions Colab has)')
        else: say('Colab\'s torch, torchvision, fastai, fastcore, ipywidgets and numpy are unchanged')
    finally:
        if args.venv or args.keep: fresh_runtime(py, env, start)   # an environment to reuse: as it was (colorize_nb uninstalled)
        if not args.keep:
            reset_content(keep, drive=True)
            for d in ('venv', 'fastai_home', 'torch_home', 'ipython', 'jupyter', 'head_nbs', 'gitconfig', PREPARED):   # executed/ stays
                if d == 'venv' and args.venv: continue
                if (work/d).is_dir(): shutil.rmtree(work/d, ignore_errors=True)
                elif (work/d).exists(): (work/d).unlink()
    print('\nColab rehearsal, wall time per chapter (one runtime, in the README\'s order):')
    for name, second, s, ok in times:
        print(f'  {name + (" again" if second else ""):<28} {s:7.0f}s  {"passed" if ok else "FAILED"}')
    for second in (False, True):
        part = [s for _, sec, s, _ in times if sec == second]
        if second and part: print(f'  {"second Run all, total":<28} {sum(part):7.0f}s')
        elif part: print(f'  {"first Run all, total":<28} {sum(part):7.0f}s')
    print(f'  {"total":<28} {time.time() - t0:7.0f}s ({"environment prepared beforehand; " if prepared else "environment and "}data included)')
    print(f'executed notebooks: {executed}')
    if failed: print(f'Colab rehearsal FAILED: {", ".join(failed)}'); return 1
    print(f'Colab rehearsal passed: {len(names)} chapter(s)' + (f', then {len(again)} again' if again else ''))
    return 0


if __name__ == '__main__':
    sys.exit(main())
