"""MEDIA_ROOT as a tar file: packed by walking it ourselves, unpacked inside MEDIA_ROOT
and moved into place."""

from __future__ import annotations

import gzip
import logging
import os
import platform
import shutil
import tarfile
import zlib
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from .errors import BackupError

# Where a restore unpacks the media: inside MEDIA_ROOT, which the site's user can certainly
# write (its parent, /data in the Docker image, belongs to root), so that the final moves stay
# on one file system. Left out of backups and kept while the media are replaced.
STAGING_PREFIX = ".restore-"

logger = logging.getLogger(__name__)


def pack(archive_path: Path) -> list[str]:
    """Pack MEDIA_ROOT, walking it ourselves: a file deleted meanwhile (an image removed by an
    editor, its renditions with it) is left out and logged, not a failed nightly backup. The
    database was dumped first, so such a file belongs to a row that is in the dump; a restore
    then lacks only that file, as the site itself would after the deletion."""
    media_root = Path(settings.MEDIA_ROOT)
    left_out: list[str] = []

    def add(folder: Path, prefix: str) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except FileNotFoundError:
            if prefix:  # a folder deleted with its files
                left_out.append(prefix.rstrip("/"))
            return
        for entry in entries:
            if not prefix and entry.name.startswith(STAGING_PREFIX):
                continue
            name = prefix + entry.name
            try:
                if entry.is_file(follow_symlinks=False):
                    with open(entry.path, "rb") as handle:
                        archive.addfile(archive.gettarinfo(arcname=name, fileobj=handle), handle)
                    continue
                info = archive.gettarinfo(entry.path, arcname=name)
            except FileNotFoundError:
                left_out.append(name)
                continue
            if info is None:  # a socket or a pipe is no medium
                continue
            archive.addfile(info)
            if info.isdir():
                add(Path(entry.path), name + "/")

    with tarfile.open(archive_path, "w:gz") as archive:
        if media_root.is_dir():
            add(media_root, "")
    for name in left_out:
        logger.warning("Backup: %s was deleted while the media were packed; left out", name)
    return left_out


def unpack(archive_path: Path, into: Path) -> None:
    # tar's `data` filter (no paths outside `into`, no devices) came in Python 3.11.4; Debian
    # 12's own python3.11 is 3.11.2, without it.
    if not hasattr(tarfile, "data_filter"):
        raise BackupError(
            _(
                "This Python (%(version)s) cannot unpack the media safely; restore with Python "
                "3.11.4 or newer. Nothing has been changed."
            )
            % {"version": platform.python_version()}
        )
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(into, filter="data")
    except (tarfile.TarError, gzip.BadGzipFile, EOFError, zlib.error) as error:
        raise BackupError(
            _("The media in the backup cannot be read: %(error)s") % {"error": error}
        ) from error


def replace(media_root: Path, unpacked: Path) -> None:
    """Everything in MEDIA_ROOT but the unpacked backup goes (also what an interrupted restore
    left behind); then the backup's media move in, each a rename on the same file system."""
    for child in media_root.iterdir():
        if child == unpacked:
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    for child in unpacked.iterdir():
        child.rename(media_root / child.name)
