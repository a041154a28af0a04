"Stand-in for `google.colab.files`: no browser, so nothing is uploaded and downloads go nowhere (but must exist, as on Colab)"
import os

__all__ = ['upload', 'download']


def upload(target_dir=''):
    "Colab opens a file picker; the rehearsal's user picks nothing"
    return {}


def download(filename):
    "Colab sends the file to the browser and raises if it is missing; the rehearsal only checks it exists"
    if not os.path.exists(filename):
        raise FileNotFoundError(f'Cannot find file: {filename}')
