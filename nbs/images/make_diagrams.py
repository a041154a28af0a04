"""Draw the course's four teaching diagrams into this folder (nbs/images/).

    python nbs/images/make_diagrams.py          # from the repository root

writes lab.png, unet.png, gan_step.png and patchgan_rf.png. Deterministic and offline: it reads two of the bundled photos
in data/ (see data/README.md for their source and licence), uses a fixed random seed, and writes each PNG atomically
(a temporary file in this folder, then os.replace). Needs numpy, matplotlib and Pillow; uses scikit-image's rgb2lab /
lab2rgb when installed, else the same sRGB <-> CIELAB (D65) formulas in numpy.
"""
import io, os, sys, tempfile, warnings
from pathlib import Path

import numpy as np
import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt
from matplotlib.patches import FancyBboxPatch, FancyArrowPatch, Rectangle, ConnectionPatch, Circle
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.path import Path as MPath
from PIL import Image, ImageOps

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
LAB_PHOTO = REPO/'data'/'holdout'/'LadyBird.jpg'     # green vs a red ladybird (a), blue flowers vs yellow-green (b)
PATCH_PHOTO = REPO/'data'/'holdout'/'LadyBird.jpg'   # the same photo: a ladybird ~30 px wide, inside one 70×70 patch

DPI = 110                  # every figure is laid out in inches and saved at this resolution (no tight bbox)
MAX_BYTES = 150_000
MIN_FONT = 9.5             # smallest font size used, in points at the saved size

# one palette for all four figures
INK = '#222222'
MUTED = '#666666'
ENC, ENC_FILL = '#3B6EA8', '#DCE7F3'     # encoder / the input L
DEC, DEC_FILL = '#D9822B', '#FCE8D2'     # decoder / G / predicted ab
SKIP = '#4C9A5B'                        # skip connections
DIS, DIS_FILL = '#7A5BA6', '#E9E1F3'     # discriminator
REAL, FAKE = '#2E8B57', '#C0392B'        # "real" (1) / "fake" (0)
GRAD = '#C0392B'                        # gradient flow
HL1, HL2 = '#6A3D9A', '#F2A900'           # PatchGAN: the chosen output cell / the other cells

plt.rcParams.update({
    'font.family': 'DejaVu Sans', 'font.size': 10.5, 'text.color': INK, 'axes.labelcolor': INK,
    'xtick.color': INK, 'ytick.color': INK, 'xtick.labelsize': MIN_FONT, 'ytick.labelsize': MIN_FONT,
    'axes.edgecolor': MUTED, 'figure.facecolor': 'white', 'savefig.facecolor': 'white',
    'mathtext.fontset': 'dejavusans', 'svg.hashsalt': 'colorize_nb', 'path.simplify': False,
})


# ---------------------------------------------------------------- colour conversion (skimage if present, else numpy)
_M = np.array([[0.412453, 0.357580, 0.180423],          # sRGB (linear) -> XYZ, as in scikit-image
               [0.212671, 0.715160, 0.072169],
               [0.019334, 0.119193, 0.950227]])
_WHITE = np.array([0.95047, 1., 1.08883])               # D65, 2° observer


def _rgb2lab_np(rgb):
    "sRGB floats in [0, 1], shape (..., 3) -> CIELAB (D65)"
    lin = np.where(rgb > 0.04045, ((rgb + 0.055) / 1.055) ** 2.4, rgb / 12.92)
    xyz = lin @ _M.T / _WHITE
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.stack([116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])], -1)


def _lab2rgb_np(lab):
    "CIELAB (D65), shape (..., 3) -> sRGB floats clipped to [0, 1]"
    fy = (lab[..., 0] + 16) / 116
    f = np.stack([fy + lab[..., 1] / 500, fy, np.maximum(fy - lab[..., 2] / 200, 0)], -1)
    xyz = np.where(f > 0.2068966, f ** 3, (f - 16 / 116) / 7.787) * _WHITE
    lin = xyz @ np.linalg.inv(_M).T
    rgb = np.where(lin > 0.0031308, 1.055 * np.maximum(lin, 0.0031308) ** (1 / 2.4) - 0.055, 12.92 * lin)
    return np.clip(rgb, 0, 1)


try:
    from skimage.color import rgb2lab as _sk_rgb2lab, lab2rgb as _sk_lab2rgb

    def rgb2lab(rgb): return _sk_rgb2lab(rgb)

    def lab2rgb(lab):
        with warnings.catch_warnings():          # out-of-gamut colours are clipped: expected at a fixed L
            warnings.simplefilter('ignore')
            return _sk_lab2rgb(lab)
    LAB_IMPL = 'scikit-image'
except ImportError:
    rgb2lab, lab2rgb, LAB_IMPL = _rgb2lab_np, _lab2rgb_np, 'numpy'


# ---------------------------------------------------------------- helpers
def load_photo(path, size=256):
    "A bundled photo, centre-cropped to a square and resized to `size`², as float RGB in [0, 1]"
    if not path.exists(): sys.exit(f'make_diagrams: missing bundled photo {path} (see data/README.md)')
    im = ImageOps.fit(Image.open(path).convert('RGB'), (size, size), Image.LANCZOS, centering=(0.5, 0.5))
    return np.asarray(im, dtype=np.float64) / 255.


def new_figure(w, h):
    "A figure of w × h inches; everything is placed in inches and saved at DPI without a tight bbox"
    return plt.figure(figsize=(w, h), dpi=DPI)


def _encode(im, dither_boxes, colors):
    "256-colour palette PNG bytes of `im`; Floyd–Steinberg dithering only inside `dither_boxes` (the photos)"
    pal = im.quantize(colors=colors, method=Image.Quantize.FASTOCTREE)
    if dither_boxes:
        dith = im.quantize(palette=pal, dither=Image.Dither.FLOYDSTEINBERG)
        for bx in dither_boxes: pal.paste(dith.crop(bx), bx[:2])
    lut = pal.getpalette()                             # the background must stay pure white
    k = pal.getpixel((0, 0)); lut[3*k:3*k + 3] = [255, 255, 255]; pal.putpalette(lut)
    out = io.BytesIO()
    pal.save(out, format='PNG', optimize=True, dpi=(DPI, DPI))
    return out.getvalue()


def save_png(fig, name, photo_axes=()):
    """Render `fig` at DPI, shrink it to a palette PNG and write it atomically into this folder
    (a temporary file next to the target, then os.replace)."""
    fig.canvas.draw()
    H = fig.canvas.get_width_height()[1]
    boxes = []
    for ax in photo_axes:                              # pixel boxes (left, upper, right, lower) of the photo panels
        e = ax.get_window_extent()
        boxes.append((int(e.x0) + 1, int(H - e.y1) + 1, int(np.ceil(e.x1)) - 1, int(np.ceil(H - e.y0)) - 1))
    buf = io.BytesIO()
    fig.savefig(buf, format='png', dpi=DPI)
    plt.close(fig)
    im = Image.open(buf).convert('RGB')
    assert im.getpixel((0, 0)) == (255, 255, 255), 'the top-left pixel must be background'
    data = _encode(im, boxes, 256)
    if len(data) > MAX_BYTES: data = _encode(im, boxes, 128)   # fewer colours, only if ever needed
    assert len(data) <= MAX_BYTES, (name, len(data))
    dest = HERE/name
    fd, tmp = tempfile.mkstemp(dir=HERE, prefix=f'.{name}.', suffix='.tmp')
    try:
        with os.fdopen(fd, 'wb') as f:
            f.write(data); f.flush(); os.fsync(f.fileno())
        umask = os.umask(0); os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)                  # mkstemp makes 0600; give it a normal file's mode
        os.replace(tmp, dest)
    except BaseException:
        if os.path.exists(tmp): os.unlink(tmp)
        raise
    print(f'wrote {dest.relative_to(REPO)}: {im.width}×{im.height} px, {len(data)/1024:.0f} KB')
    return dest


def box(ax, x, y, w, h, text, ec, fc, fs=10.5, weight='normal', r=0.12, tc=INK, lw=1.5, **kw):
    "A rounded box centred at (x, y), with centred text"
    ax.add_patch(FancyBboxPatch((x - w/2, y - h/2), w, h, boxstyle=f'round,pad=0,rounding_size={r}',
                                ec=ec, fc=fc, lw=lw, zorder=2))
    ax.text(x, y, text, ha='center', va='center', fontsize=fs, color=tc, weight=weight, zorder=3, **kw)


def arrow(ax, *pts, color=INK, lw=1.6, ls='-', ms=13, z=1):
    "An arrow along the polyline `pts` (two or more (x, y) points), head at the last one"
    path = MPath(np.array(pts, dtype=float))
    ax.add_patch(FancyArrowPatch(path=path, arrowstyle='-|>', mutation_scale=ms, color=color, lw=lw, linestyle=ls,
                                 zorder=z, shrinkA=0, shrinkB=0, joinstyle='miter', capstyle='butt'))


# ---------------------------------------------------------------- 1. lab.png
def draw_lab(photo_path=None):
    photo_path = photo_path or LAB_PHOTO
    rgb = load_photo(photo_path)
    lab = rgb2lab(rgb)
    L, a, b = lab[..., 0], lab[..., 1], lab[..., 2]
    L_SHOW = 65.                                        # a and b are drawn as the colour they encode at this L
    a_img = lab2rgb(np.stack([np.full_like(a, L_SHOW), a, np.zeros_like(a)], -1))
    b_img = lab2rgb(np.stack([np.full_like(b, L_SHOW), np.zeros_like(b), b], -1))
    print(f'lab: {photo_path.relative_to(REPO)} via {LAB_IMPL}; L {L.min():.0f}..{L.max():.0f}, '
          f'a {a.min():.0f}..{a.max():.0f}, b {b.min():.0f}..{b.max():.0f}')

    W, H = 10.5, 3.45                                   # inches -> 1155 × 380 px
    side, gap, left, bottom = 2.25, 0.35, 0.25, 0.8
    fig = new_figure(W, H)
    panels = [(rgb, 'RGB photo', INK), (L, 'L: the input (lightness)', ENC),
              (a_img, 'a: green ↔ red (predicted)', DEC), (b_img, 'b: blue ↔ yellow (predicted)', DEC)]
    ramp = np.linspace(-100, 100, 256)
    ab_ticks = [-80, -40, 0, 40, 80]
    bars = [None,
            (np.linspace(0, 100, 256)[None].repeat(2, 0), 'gray', (0, 100), [0, 25, 50, 75, 100],
             '0 = black,  100 = white'),
            (lab2rgb(np.stack([np.full(256, L_SHOW), ramp, np.zeros(256)], -1))[None].repeat(2, 0), None, (-100, 100),
             ab_ticks, f'colour shown at L = {L_SHOW:.0f}, b = 0'),
            (lab2rgb(np.stack([np.full(256, L_SHOW), np.zeros(256), ramp], -1))[None].repeat(2, 0), None, (-100, 100),
             ab_ticks, f'colour shown at L = {L_SHOW:.0f}, a = 0')]
    photo_axes = []
    for i, ((img, title, tcol), bar) in enumerate(zip(panels, bars)):
        x0 = left + i * (side + gap)
        ax = fig.add_axes([x0 / W, bottom / H, side / W, side / H]); photo_axes.append(ax)
        if img.ndim == 2: ax.imshow(img, cmap='gray', vmin=0, vmax=100, interpolation='antialiased')
        else: ax.imshow(img, interpolation='antialiased')
        ax.set_xticks([]); ax.set_yticks([])
        for s in ax.spines.values(): s.set_color('#BBBBBB')
        ax.set_title(title, fontsize=11, color=tcol, pad=6, weight='bold' if i else 'normal')
        if bar is None:
            fig.text((x0 + side/2) / W, (bottom - 0.12) / H, f'{photo_path.parent.name}/{photo_path.name},\n'
                     'centre crop, 256×256', ha='center', va='top', fontsize=MIN_FONT, color=MUTED, linespacing=1.3)
            continue
        img_bar, cmap, ext, ticks, label = bar
        bax = fig.add_axes([x0 / W, (bottom - 0.3) / H, side / W, 0.14 / H]); photo_axes.append(bax)
        bax.imshow(img_bar, cmap=cmap, aspect='auto', extent=(ext[0], ext[1], 0, 1), vmin=0, vmax=100)
        bax.set_yticks([]); bax.set_xticks(ticks)
        bax.set_xticklabels([f'{t:+d}'.replace('-', '−') if t and ext[0] < 0 else f'{t}' for t in ticks])
        bax.tick_params(length=2.5, pad=1.5)
        for s in bax.spines.values(): s.set_color('#BBBBBB')
        bax.set_xlabel(label, fontsize=MIN_FONT, color=MUTED, labelpad=2)
    return save_png(fig, 'lab.png', photo_axes)


# ---------------------------------------------------------------- 2. unet.png
def draw_unet():
    # the fastai DynamicUnet on a ResNet18 body (cut=-2) that build_res_unet() makes, for a 1×256×256 input
    enc = [(1, 256, ''), (64, 128, 'conv1 7×7, stride 2'), (64, 64, 'maxpool + layer1'), (128, 32, 'layer2'),
           (256, 16, 'layer3'), (512, 8, 'layer4')]
    dec = [(2, 256), (96, 128), (256, 64), (384, 32), (512, 16)]       # shapes after each concat + convs
    W, H = 10.6, 6.4                                    # inches -> 1166 × 704 px
    fig = new_figure(W, H)
    ax = fig.add_axes([0, 0, 1, 1]); ax.set_xlim(0, W); ax.set_ylim(0, H); ax.axis('off')

    hgt = lambda res: 0.17 + 0.17 * np.log2(res / 8)           # box height shrinks with resolution (log scale)
    wid = lambda c: 0.12 + 0.055 * np.log2(c) if c > 2 else 0.13  # box width grows (gently) with channels
    gap = 0.34
    ys, y = [], H - 0.3
    for _, res, _ in enc:                               # row centres, top (256²) to bottom (8²)
        ys.append(y - hgt(res) / 2); y -= hgt(res) + gap
    step = 0.42
    ex = [1.9 + i * step for i in range(len(enc))]       # encoder staircase, going right as it goes down
    dx = [W - 2.7 - i * step for i in range(len(dec))]   # decoder staircase, mirrored
    mid_x = (ex[-1] + dx[-1]) / 2
    fmt = lambda c, r: f'{c}×{r}²'

    for i, (c, r, op) in enumerate(enc):                 # encoder
        w, h = wid(c), hgt(r)
        fill, edge = (ENC_FILL, ENC) if i else ('#E6E6E6', MUTED)
        ax.add_patch(Rectangle((ex[i] - w/2, ys[i] - h/2), w, h, fc=fill, ec=edge, lw=1.5, zorder=2))
        ax.text(ex[i] - w/2 - 0.12, ys[i], 'input L  1×256²' if i == 0 else fmt(c, r),
                ha='right', va='center', fontsize=10.5, color=INK, weight='bold' if i == 0 else 'normal')
        if i:
            top_prev = ys[i-1] - hgt(enc[i-1][1]) / 2
            arrow(ax, (ex[i-1], top_prev), (ex[i], ys[i] + h/2), color=ENC, lw=1.4, ms=11)
            ax.text((ex[i-1] + ex[i]) / 2 - 0.12, (top_prev + ys[i] + h/2) / 2, op, ha='right', va='center',
                    fontsize=MIN_FONT, color=ENC, style='italic')
    # bottleneck: layer4 -> middle convs (512×8²) -> decoder
    w8, h8 = wid(1024), hgt(8)
    ax.add_patch(Rectangle((mid_x - w8/2, ys[-1] - h8/2), w8, h8, fc='#EFEFEF', ec=MUTED, lw=1.5, zorder=2))
    ax.text(mid_x, ys[-1] - h8/2 - 0.1, 'middle: convs 512→1024→512, 8²', ha='center', va='top',
            fontsize=MIN_FONT, color=MUTED)
    arrow(ax, (ex[-1] + wid(512)/2, ys[-1]), (mid_x - w8/2, ys[-1]), color=MUTED, lw=1.4, ms=11)
    for i in range(len(dec) - 1, -1, -1):                # decoder, bottom (16²) to top (256²)
        c, r = dec[i]
        w, h = wid(c), hgt(r)
        ax.add_patch(Rectangle((dx[i] - w/2, ys[i] - h/2), w, h, fc=DEC_FILL, ec=DEC, lw=1.5 if i else 2.2, zorder=2))
        if i: ax.text(dx[i] + w/2 + 0.12, ys[i], fmt(c, r), ha='left', va='center', fontsize=10.5)
        if i == len(dec) - 1: pts = [(mid_x + w8/2, ys[-1]), (dx[i], ys[-1]), (dx[i], ys[i] - h/2)]
        else: pts = [(dx[i+1], ys[i+1] + hgt(dec[i+1][1]) / 2), (dx[i], ys[i] - h/2)]
        arrow(ax, *pts, color=DEC, lw=1.4, ms=11)
    ax.text(dx[0] + wid(2)/2 + 0.15, ys[0] + 0.2, 'ab (2×256×256)', ha='left', va='center', fontsize=11,
            weight='bold', color=DEC)
    ax.text(dx[0] + wid(2)/2 + 0.15, ys[0] - 0.05, 'after the concat: ResBlock,\n1×1 conv; no tanh (clipped\nto [−1, 1] at inference)',
            ha='left', va='top', fontsize=MIN_FONT, color=MUTED, linespacing=1.25)
    for i in range(len(dec)):                            # skip connections: same-size levels, concatenated
        p = (ex[i] + wid(enc[i][0]) / 2 + 0.05, ys[i])
        q = (dx[i] - wid(dec[i][0]) / 2 - 0.05, ys[i])
        arrow(ax, p, q, color=SKIP, lw=1.5, ls=(0, (5, 3)), ms=12)
        ax.text((p[0] + q[0]) / 2, ys[i] + 0.05, 'concatenate', ha='center', va='bottom', fontsize=MIN_FONT,
                color=SKIP)
    # legend, one row along the bottom
    ly = 0.25
    items = [(ENC_FILL, ENC, 'encoder: ResNet18 (ImageNet weights)'), (DEC_FILL, DEC, 'decoder: upsample + conv'),
             (None, SKIP, 'skip connection: concatenate')]
    xs = [0.35, 4.05, 6.85]
    for lx, (fc, ec, lab) in zip(xs, items):
        if fc: ax.add_patch(Rectangle((lx, ly - 0.1), 0.32, 0.2, fc=fc, ec=ec, lw=1.5))
        else: arrow(ax, (lx, ly), (lx + 0.4, ly), color=ec, lw=1.5, ls=(0, (5, 3)), ms=12)
        ax.text(lx + 0.5, ly, lab, ha='left', va='center', fontsize=10.5)
    ax.text(0.35, 1.05, 'box height ∝ log₂(resolution)\nlabels: channels × size²', ha='left', va='center',
            fontsize=MIN_FONT, color=MUTED, linespacing=1.3)
    return save_png(fig, 'unet.png')


# ---------------------------------------------------------------- 3. gan_step.png
def draw_gan_step():
    W, H = 10.9, 5.3                                    # inches -> 1199 × 583 px
    fig = new_figure(W, H)
    pw = W / 2 - 0.1                                    # each panel: pw × H inches, data units = inches × 10/pw
    X = 10.0; Y = X * H / pw
    axs = [fig.add_axes([0.05 / W, 0, pw / W, 1]), fig.add_axes([(W / 2 + 0.05) / W, 0, pw / W, 1])]
    for ax in axs: ax.set_xlim(0, X); ax.set_ylim(0, Y); ax.axis('off')
    fig.add_artist(plt.Line2D([0.5, 0.5], [0.04, 0.96], color='#CCCCCC', lw=1))

    bh = 0.85                                           # box height
    xL, xG, xF, xC, xD, xT = 0.6, 1.95, 3.5, 5.0, 6.25, 8.55
    yf, yr = 6.3, 3.9                                   # the fake row and the real row
    rc = 0.38                                           # radius of the 'cat' circles
    def cat(ax, y):
        ax.add_patch(Circle((xC, y), rc, fc='white', ec=INK, lw=1.3, zorder=2))
        ax.text(xC, y, 'cat', ha='center', va='center', fontsize=MIN_FONT, zorder=3)
    def fake_row(ax, detach):
        box(ax, xL, yf, 0.85, bh, 'L', ENC, ENC_FILL, fs=12, weight='bold')
        box(ax, xG, yf, 0.95, bh, 'G', DEC, DEC_FILL, fs=12, weight='bold')
        box(ax, xF, yf, 1.4, bh, 'fake ab', DEC, '#FFF6EC')
        arrow(ax, (xL + 0.425, yf), (xG - 0.475, yf))
        arrow(ax, (xG + 0.475, yf), (xF - 0.7, yf))
        cat(ax, yf)
        arrow(ax, (xF + 0.7, yf), (xC - rc, yf))
        arrow(ax, (xL, yf + bh/2), (xL, yf + 1.0), (xC, yf + 1.0), (xC, yf + rc), color=ENC, lw=1.4, ms=11)
        if detach:                                      # a "cut" on the fake-ab arrow: no gradient back into G
            xm = (xF + 0.7 + xC - rc) / 2 - 0.04
            for d in (-0.07, 0.07):
                ax.plot([xm + d - 0.07, xm + d + 0.07], [yf - 0.22, yf + 0.22], color=FAKE, lw=2.2, zorder=4,
                        solid_capstyle='butt')
            ax.text(xm + 0.1, yf - bh/2 - 0.08, 'detach()', ha='center', va='top', fontsize=MIN_FONT, color=FAKE)
    def disc(ax, y, label, target, tcol):
        box(ax, xD, y, 0.85, bh, 'D', DIS, DIS_FILL, fs=12, weight='bold')
        arrow(ax, (xC + rc, y), (xD - 0.425, y))
        arrow(ax, (xD + 0.425, y), (xT - 1.25, y))
        box(ax, xT, y, 2.5, bh, target, tcol, 'white', fs=10, tc=tcol, weight='bold')
        ax.text(xD, y - bh/2 - 0.1, label, ha='center', va='top', fontsize=MIN_FONT, color=MUTED)
    def heading(ax, text, sub, col):
        ax.text(0.2, Y - 0.5, text, fontsize=13, weight='bold', color=col, va='center')
        ax.text(0.2, Y - 1.05, sub, fontsize=10, color=MUTED, va='center')

    # (1) D's step
    ax = axs[0]
    heading(ax, "(1)  D's step", 'update D only', DIS)
    fake_row(ax, detach=True)
    disc(ax, yf, '30×30 scores', 'target: fake (0)', FAKE)
    box(ax, xF, yr, 1.4, bh, 'real ab', REAL, '#EAF6EF')
    cat(ax, yr)
    arrow(ax, (xF + 0.7, yr), (xC - rc, yr))
    arrow(ax, (xL, yf - bh/2), (xL, yr + 1.0), (xC, yr + 1.0), (xC, yr + rc), color=ENC, lw=1.4, ms=11)
    disc(ax, yr, 'same D, 30×30 scores', 'target: real (1)', REAL)
    ax.text(X / 2, 2.3, r'$\mathcal{L}_D = \frac{1}{2}\,\left[\,\mathrm{BCE}(D(L,\,G(L)),\,0)'
                        r' + \mathrm{BCE}(D(L,\,ab),\,1)\,\right]$', ha='center', va='center', fontsize=12.5)
    ax.text(X / 2, 1.15, "G's output is detached, so this loss only trains D:\n"
            'fake pairs (L, G(L)) → 0, real pairs (L, ab) → 1',
            ha='center', va='center', fontsize=10, color=MUTED, linespacing=1.35)

    # (2) G's step
    ax = axs[1]
    heading(ax, "(2)  G's step", 'update G only (D frozen: requires_grad = False)', DEC)
    fake_row(ax, detach=False)
    disc(ax, yf, 'frozen D, 30×30 scores', 'target: real (1)', REAL)
    xR, xL1, wL1 = 2.95, 5.6, 2.3
    box(ax, xR, yr, 1.4, bh, 'real ab', REAL, '#EAF6EF')
    box(ax, xL1, yr, wL1, bh, r'L1: $|G(L) - ab|$', INK, '#F4F4F4')
    arrow(ax, (xR + 0.7, yr), (xL1 - wL1/2, yr))
    arrow(ax, (xF + 0.3, yf - bh/2), (xF + 0.3, yr + 0.85), (xL1, yr + 0.85), (xL1, yr + bh/2),
          color=DEC, lw=1.4, ms=11)
    arrow(ax, (xL1 + wL1/2, yr), (xT - 1.25, yr))
    box(ax, xT, yr, 2.5, bh, r'$\times\ \lambda = 100$', INK, 'white', fs=11)
    # gradient flow (dashed): from both loss terms, back through the frozen D, into G
    yt = yf + 1.6
    arrow(ax, (xT, yf + bh/2), (xT, yt), (xG, yt), (xG, yf + bh/2 + 0.02), color=GRAD, lw=1.4, ls=(0, (4, 3)), ms=12)
    ax.text((xG + xT) / 2 + 0.3, yt + 0.12, 'gradients flow back through D into G', ha='center', va='bottom',
            fontsize=10, color=GRAD)
    yb = yr - bh/2 - 0.55
    arrow(ax, (xL1, yr - bh/2), (xL1, yb), (xG, yb), (xG, yf - bh/2 - 0.02), color=GRAD, lw=1.4,
          ls=(0, (4, 3)), ms=12)
    ax.text(X / 2, 2.3, r'$\mathcal{L}_G = \mathrm{BCE}(D(L,\,G(L)),\,1) + \lambda\,\Vert G(L) - ab\Vert_1$',
            ha='center', va='center', fontsize=12.5)
    ax.text(X / 2, 1.15, 'λ = 100, L1 = mean absolute error: G learns to fool D\nand to stay close to the true colours',
            ha='center', va='center', fontsize=10, color=MUTED, linespacing=1.35)
    return save_png(fig, 'gan_step.png')


# ---------------------------------------------------------------- 4. patchgan_rf.png
# the PatchDiscriminator of chapter 1 (pix2pix "70×70 PatchGAN"): (kernel, stride, padding) of each conv, in order
PATCH_LAYERS = [(4, 2, 1), (4, 2, 1), (4, 2, 1), (4, 1, 1), (4, 1, 1)]


def patch_geometry(size=256, layers=PATCH_LAYERS):
    """Walk the conv chain with the standard formulas: n_out = (n + 2p - k) // s + 1; receptive field
    r += (k - 1) * jump, then jump *= s; the first input pixel seen by output cell 0 moves by -p * jump.
    Returns the table rows (name, kernel/stride, out size, receptive field), the output size, the receptive field,
    the jump (input pixels between neighbouring output cells) and where cell 0's patch starts."""
    n, r, jump, start = size, 1, 1, 0
    rows = [('input', '', n, r)]
    for i, (k, s, p) in enumerate(layers, 1):
        n = (n + 2 * p - k) // s + 1
        r += (k - 1) * jump
        start -= p * jump
        jump *= s
        rows.append((f'conv{i}', f'{k}×{k}/{s}', n, r))
    return rows, n, r, jump, start


def draw_patchgan():
    rows, n_out, rf, jump, start = patch_geometry()
    assert n_out == 30 and rf == 70, (n_out, rf)
    assert jump == 8 and start == -23, (jump, start)
    for name, ks, n, r in rows: print(f'  {name:6s} {ks:6s} out {n:3d}×{n:<3d} receptive field {r:2d}')
    print(f'patchgan: 256² input -> {n_out}×{n_out} outputs, receptive field {rf}×{rf}; '
          f'output cell i sees input pixels {jump}·i{start:+d} … {jump}·i{start + rf - 1:+d}')
    photo = load_photo(PATCH_PHOTO)

    W, H = 10.9, 5.3                                    # inches -> 1199 × 583 px
    fig = new_figure(W, H)
    ps, ms, mx = 4.15, 2.9, 5.45                        # photo and map sides, map's left edge (inches)
    axp = fig.add_axes([0.55 / W, 0.95 / H, ps / W, ps / H])
    axm = fig.add_axes([mx / W, 1.2 / H, ms / W, ms / H])
    axt = fig.add_axes([8.85 / W, 0.3 / H, 1.95 / W, 4.7 / H]); axt.axis('off')

    axp.imshow(photo, extent=(0, 256, 256, 0), interpolation='antialiased')
    axp.set_xlim(0, 256); axp.set_ylim(256, 0)
    axp.set_xticks(range(0, 257, 64)); axp.set_yticks(range(0, 257, 64)); axp.tick_params(length=2.5, pad=2)
    # the 30×30 output grid: cell i's patch is centred at jump·i + start + rf/2; draw a jump-wide tile around each
    edges = jump * np.arange(n_out + 1) + start + rf / 2 - jump / 2          # 7.5 … 247.5
    for k, e in enumerate(edges):
        lw, al = (0.7, 0.6) if k % 5 == 0 else (0.35, 0.35)
        axp.plot([e, e], [edges[0], edges[-1]], color='white', lw=lw, alpha=al)
        axp.plot([edges[0], edges[-1]], [e, e], color='white', lw=lw, alpha=al)

    def rf_box(i, j, color, lw):
        x0, y0 = jump * j + start, jump * i + start
        axp.add_patch(Rectangle((x0, y0), rf, rf, fill=False, ec=color, lw=lw, zorder=4))
        axp.add_patch(Rectangle((edges[j], edges[i]), jump, jump, fc=color, ec='white', lw=0.8, zorder=5))
        return x0, y0
    ci, cj = 15, 25                                      # the output cell over the ladybird
    others = [(15, 21), (11, 25), (19, 19)]
    for i, j in others: rf_box(i, j, HL2, 1.8)
    x0, y0 = rf_box(ci, cj, HL1, 2.8)
    axp.annotate(f'the {rf}×{rf} px patch\nthat one output cell sees', xy=(x0, y0 + 12), xytext=(100, 34),
                 fontsize=10, color=HL1, weight='bold', ha='center', va='center',
                 bbox=dict(boxstyle='round,pad=0.3', fc='white', ec='none', alpha=0.9),
                 arrowprops=dict(arrowstyle='-|>', color=HL1, lw=1.5, shrinkA=2, shrinkB=2,
                                 connectionstyle='arc3,rad=0.2'))
    for yy, sq, tc, txt in [(0.5, HL1, HL1, f'one output cell and the {rf}×{rf} patch it sees'),
                            (0.27, HL2, '#9A6B00', f'other cells ({jump} px apart): their patches overlap')]:
        fig.text(0.55 / W, yy / H, '■', color=sq, fontsize=MIN_FONT, va='center')
        fig.text(0.75 / W, yy / H, txt, color=tc, fontsize=MIN_FONT, va='center')

    # D's output: a smooth, seeded random map of scores in (0, 1) -- a schematic, not a trained D
    rng = np.random.default_rng(0)
    z = rng.standard_normal((n_out + 8, n_out + 8))
    kern = np.exp(-0.5 * (np.arange(-4, 5) / 1.8) ** 2); kern /= kern.sum()
    z = np.apply_along_axis(lambda v: np.convolve(v, kern, 'valid'), 0, z)
    z = np.apply_along_axis(lambda v: np.convolve(v, kern, 'valid'), 1, z)
    scores = 1 / (1 + np.exp(-1.6 * (z - z.mean()) / z.std()))
    cmap = LinearSegmentedColormap.from_list('fake_real', [FAKE, '#F7F7F7', REAL])
    im = axm.imshow(scores, cmap=cmap, vmin=0, vmax=1, extent=(-0.5, n_out - 0.5, n_out - 0.5, -0.5),
                    interpolation='nearest')
    axm.set_xticks([0, 10, 20, 29]); axm.set_yticks([0, 10, 20, 29]); axm.tick_params(length=2.5, pad=2)
    for (i, j), col, lw in [*[(o, HL2, 2.0) for o in others], ((ci, cj), HL1, 2.6)]:
        for c, extra in (('white', 2.5), (col, 0)):     # a white halo keeps the outline visible on red and green
            axm.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, ec=c, lw=lw + extra, zorder=5))
    axm.set_title(f"D's output: {n_out}×{n_out} scores,\none per {rf}×{rf} patch", fontsize=11, pad=7)
    cax = fig.add_axes([mx / W, 0.6 / H, ms / W, 0.13 / H])
    cb = fig.colorbar(im, cax=cax, orientation='horizontal', ticks=[0, 0.5, 1])
    cb.ax.set_xticklabels(['0 = fake', '0.5', '1 = real']); cb.ax.tick_params(length=2.5, pad=2)
    cb.outline.set_edgecolor('#BBBBBB')
    cb.set_label('σ(logit), schematic values', fontsize=MIN_FONT, color=MUTED, labelpad=2)
    con = ConnectionPatch(xyA=(x0 + rf, y0 + rf / 2), coordsA=axp.transData, xyB=(cj - 0.55, ci),
                          coordsB=axm.transData, arrowstyle='-|>', mutation_scale=13, color=HL1, lw=1.5,
                          connectionstyle='arc3,rad=-0.2', zorder=6)
    fig.add_artist(con)

    # the layer table, as computed by patch_geometry()
    axt.set_xlim(0, 1); axt.set_ylim(0, 1)
    axt.text(0.0, 0.99, 'PatchDiscriminator', fontsize=10.5, weight='bold', va='top', color=DIS)
    axt.text(0.0, 0.935, 'k×k conv, stride s, pad 1', fontsize=MIN_FONT, va='top', color=MUTED)
    cols, aligns = [0.0, 0.33, 0.82, 1.0], ['left', 'left', 'right', 'right']
    hy = 0.83
    for x, t, ha in zip(cols, ['layer', 'k/s', 'out', 'RF'], aligns):
        axt.text(x, hy, t, fontsize=MIN_FONT, weight='bold', ha=ha, va='center')
    axt.plot([0, 1], [hy - 0.035, hy - 0.035], color='#BBBBBB', lw=0.8)
    for k, (name, ks, n, r) in enumerate(rows):
        yy = hy - 0.09 - k * 0.07
        last = k == len(rows) - 1
        for x, t, ha in zip(cols, [name, ks, f'{n}²', f'{r}'], aligns):
            axt.text(x, yy, t, fontsize=MIN_FONT, ha=ha, va='center', weight='bold' if last else 'normal',
                     color=HL1 if last and x > 0.5 else INK)
    axt.text(0.0, hy - 0.09 - len(rows) * 0.07 - 0.01,
             'out = (n + 2 − k) // s + 1\nRF += (k − 1) · jump\njump *= s   (ends at 8 px)',
             fontsize=MIN_FONT, va='top', color=MUTED, linespacing=1.35)
    return save_png(fig, 'patchgan_rf.png', [axp])


def main():
    for f in (draw_lab, draw_unet, draw_gan_step, draw_patchgan): f()


if __name__ == '__main__':
    main()
