"""Stand-in for `google.colab`, used by the Colab rehearsal (.ci/rehearse.py) to run the chapters as Colab does.

Only what the chapters may touch: `drive.mount` (a local folder), `output` (widget manager switches) and `files`
(no browser: nothing to upload, downloads are checked and dropped). The rehearsal imports it at kernel start, as Colab does,
so `'google.colab' in sys.modules` is true from the first cell on.
"""
from . import drive, files, output

__all__ = ['drive', 'files', 'output']
REHEARSAL = True   # lets a curious reader (or a test) tell the stand-in from the real thing
