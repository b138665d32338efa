"""Reading a file of the data tree: only a regular file inside it, never through a link.

Article folders and registries may come from other people (a contributed folder, a cloned
repository; git keeps symbolic links). So every file ingest reads from the tree is checked
first: it must not be a symbolic link, must be a regular file (not a folder, a named pipe or a
device) and must lie inside the folder it belongs to once every link on the way is resolved.
A refused file is named with the reason; nothing of its content is read or shown.

Each kind of file also has a size limit, checked before reading, so one huge file cannot take
the memory or the time of a run (docs/ingest.md lists the limits).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from actorgraph.errors import FileMissing, FileRefused

MIB = 1 << 20
MAX_ANNOTATION_BYTES = 1 * MIB
"""annotation.yaml: the largest annotation of the project is about 20 KB."""
MAX_ARTICLE_BYTES = 2 * MIB
"""article.txt (and the article `actorgraph extract` reads): a long article is 50 KB."""
MAX_REGISTRY_BYTES = 8 * MIB
"""actors.yaml, places.yaml, assets.yaml, sources.yaml, each."""
MAX_TABLE_BYTES = 8 * MIB
"""The CAMEO tables and the extractor's rule files, each."""

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))


def _size(n: int) -> str:
    return f"{n / MIB:.1f} MiB" if n >= MIB else f"{n:,} bytes"


def read_data_file(path: Path, root: Path | None, max_bytes: int) -> bytes:
    """The bytes of `path`, a regular file inside `root` reached without a symbolic link.

    `root=None` is for a file the person named themselves (`actorgraph extract FILE`): a link
    is followed, but it must still be a regular file within the size limit.
    Raises FileMissing when nothing is there, FileRefused for anything else it will not read.
    """
    where = f"a regular file inside {root}" if root is not None else "a regular file"
    try:
        info = os.lstat(path) if root is not None else os.stat(path)
    except FileNotFoundError:
        if root is None and os.path.lexists(path):
            raise FileRefused(path, where, "a symbolic link to nothing") from None
        raise FileMissing(path, where, "no such file") from None
    except OSError as e:
        raise FileRefused(path, where, f"a path that cannot be examined ({e.strerror})") from e
    if stat.S_ISLNK(info.st_mode):
        raise FileRefused(path, f"{where} (symbolic links are not followed)",
                          f"a symbolic link to {os.readlink(path)!r}")
    for test, kind in _KINDS:
        if test(info.st_mode):
            raise FileRefused(path, where, kind)
    if root is not None:
        resolved = path.resolve()
        if not resolved.is_relative_to(root.resolve()):
            raise FileRefused(path, f"{where} (symbolic links are not followed)",
                              f"a path that leads outside it, to {str(resolved)!r} (a linked "
                              "folder on the way)")
    if info.st_size > max_bytes:
        raise FileRefused(path, f"a file of at most {_size(max_bytes)}",
                          f"{_size(info.st_size)}")
    flags = os.O_RDONLY | (os.O_NOFOLLOW if root is not None else 0) | os.O_NONBLOCK
    try:
        fd = os.open(path, flags)
    except OSError as e:
        raise FileRefused(path, where, f"a file that cannot be read ({e.strerror})") from e
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped since the check above
            raise FileRefused(path, where, "something else when it was opened")
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise FileRefused(path, f"a file of at most {_size(max_bytes)}",
                          f"more than {_size(max_bytes)}")
    return data


def refuse_linked_folder(path: Path) -> str | None:
    """Why the folder `path` may not be entered (a symbolic link), or None."""
    if path.is_symlink():
        return f"a symbolic link to {os.readlink(path)!r} (links are not followed)"
    return None
