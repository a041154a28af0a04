# IPython startup file of the Colab rehearsal (.ci/rehearse.py copies it into the kernel's private IPYTHONDIR):
# on Colab `google.colab` is imported before the first cell runs, and the chapters test `'google.colab' in sys.modules`.
import importlib as _importlib
_importlib.import_module('google.colab')
del _importlib
