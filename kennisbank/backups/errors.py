"""The one error of backups and restores, and the Dutch words for what went wrong with a file."""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from django.utils.translation import gettext as _


class BackupError(Exception):
    """A backup or restore that cannot (or may not) run; the message says why, in Dutch."""


def reason(error: OSError) -> str:
    """Why a file operation failed, in words a host acts on."""
    if error.errno in (errno.EACCES, errno.EPERM):
        return _("no permission for the user this runs as (uid %(uid)s)") % {"uid": os.geteuid()}
    reasons = {
        errno.ENOENT: _("it does not exist"),
        errno.ENOSPC: _("the disk is full"),
        errno.EDQUOT: _("the disk quota is used up"),
        errno.EROFS: _("the file system is read-only"),
        errno.ENOTDIR: _("part of the path is not a directory"),
    }
    return reasons.get(error.errno) or error.strerror or str(error)


@contextlib.contextmanager
def file_errors(message: str, *, path: Path, **values: object):
    """An OSError (a directory the site's user may not write, a full disk) becomes a
    BackupError: `message` with the file concerned and the reason, never a traceback."""
    try:
        yield
    except OSError as error:
        file = error.filename or path
        raise BackupError(message % {**values, "file": file, "reason": reason(error)}) from error
