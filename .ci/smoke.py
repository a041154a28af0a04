"""Smoke test of the installed package, run outside the repository: every module imports, one tiny forward pass."""
import importlib, pkgutil, tempfile, sys
from pathlib import Path
import numpy as np, torch, fastai, fastcore
from PIL import Image
import colorize_nb

mods = sorted(m.name for m in pkgutil.walk_packages(colorize_nb.__path__, 'colorize_nb.'))
for m in mods: importlib.import_module(m)
assert not str(Path(colorize_nb.__file__)).startswith(str(Path(__file__).resolve().parent.parent / 'colorize_nb')), 'testing the source tree, not the install'
print(f'colorize_nb {colorize_nb.__version__} from {Path(colorize_nb.__file__).parent}; fastai {fastai.__version__}, fastcore {fastcore.__version__}, torch {torch.__version__}')
print('imported:', ', '.join(mods))

from colorize_nb.fast_data import get_dls
from colorize_nb.data import rgb_to_lab, lab_to_rgb
x = torch.rand(2, 3, 16, 16)
assert (lab_to_rgb(rgb_to_lab(x)) - x).abs().max() < 1e-3
tmp = Path(tempfile.mkdtemp())
rng = np.random.default_rng(0)
for split in ('train', 'holdout'):
    (tmp/split).mkdir()
    for i in range(4):
        a = (rng.random((40, 48, 3)) * [255, 160, 80]).astype(np.uint8)
        Image.fromarray(a).save(tmp/split/f'{i}.jpg')
dls = get_dls(tmp, size=32, bs=2, n_workers=1, device='cpu')
L, ab = dls.one_batch()
assert L.shape == (2, 1, 32, 32) and ab.shape == (2, 2, 32, 32)
import colorize_nb.fast_data as D, colorize_nb.plumbing as P   # OpenCV (a requirement) decodes the JPEGs, and agrees with PIL
assert D.cv2 is not None, 'opencv-python-headless did not install'
a, b = (D.load_photo(tmp/'train'/'0.jpg', 32, decoder=d).float() for d in ('auto', 'pil'))
assert a.shape == b.shape == (3, 32, 32) and (a.mean((1, 2)) - b.mean((1, 2))).abs().max() < 2, (a.mean((1, 2)), b.mean((1, 2)))   # same colours (noise photos: the two resize filters differ pixel by pixel)
print(f'data: OpenCV {D.cv2.__version__} decodes JPEGs')
bp = P.bundled_photos()   # installed with the package (setup.py's data_files), found outside any clone
assert 'share' in bp.parts and len(list((bp/'holdout').glob('*.jpg'))) == 3 and len(list((bp/'train').glob('*.jpg'))) == 9, bp
print('bundled photos installed at', bp)
if 'colorize_nb.models' in mods:
    from colorize_nb.models import build_res_unet
    net = build_res_unet(n_input=1, n_output=2, size=32, pretrained=False).eval()
    with torch.no_grad(): out = net(L)
    assert out.shape == ab.shape, out.shape
    print('generator forward pass:', tuple(out.shape))
if 'colorize_nb.metrics' in mods:   # torchmetrics, whatever version pip picked
    from colorize_nb.metrics import psnr, ssim, fid
    assert float(psnr(x[0], x[0])) == 100. and abs(float(ssim(x, x).mean()) - 1) < 1e-4 and abs(fid(x, x)) < 1e-3
    print('metrics: psnr, ssim, fid ok')
print('smoke test passed')
