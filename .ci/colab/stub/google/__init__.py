# Stand-in for Colab's `google` package, for the Colab rehearsal (.ci/rehearse.py); never installed anywhere.
# pkgutil-style namespace: other distributions' `google.*` (protobuf, google-auth...) stay importable next to it.
__path__ = __import__('pkgutil').extend_path(__path__, __name__)
