"Stand-in for `google.colab.drive`: 'mounting' creates `<mountpoint>/MyDrive`, a plain folder that outlives the runtime"
import os

__all__ = ['mount', 'flush_and_unmount']


_mounted = set()   # mounted in this runtime (kernel): Drive's files outlive the runtime, the mount does not


def mount(mountpoint, force_remount=False, timeout_ms=120000, readonly=False):
    "Like Colab's: `<mountpoint>/MyDrive` exists afterwards; prints what Colab prints"
    mountpoint = os.path.expanduser(str(mountpoint))
    if ' ' in mountpoint: raise ValueError('Mountpoint must not contain a space.')
    my_drive = os.path.join(mountpoint, 'MyDrive')
    if mountpoint in _mounted and os.path.isdir(my_drive) and not force_remount:
        print(f'Drive already mounted at {mountpoint}; to attempt to forcibly remount, '
              f'call drive.mount("{mountpoint}", force_remount=True).')
        return
    if os.path.exists(mountpoint) and not os.path.isdir(mountpoint):
        raise ValueError(f'Mountpoint must either be a directory or not exist: {mountpoint}')
    os.makedirs(my_drive, exist_ok=True)
    _mounted.add(mountpoint)
    print(f'Mounted at {mountpoint}')


def flush_and_unmount(timeout_ms=86400000):
    "The files stay (they are on Drive); the mount goes"
    _mounted.clear()
