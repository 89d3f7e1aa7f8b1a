"""The bundled plan, validated ahead of time: a fast path for the plan every run reads.

Every ``validate``, ``check``, ``status`` and ``report`` run needs the plan. Reading the
bundled 66 KB plan with positions and validating it costs about 100 M instructions
(≈ 30 ms), a third of a one-report ``mljy check`` beyond the libraries' own start-up.
``scripts/compile_plan.py`` therefore stores, next to the bundled ``plan.yaml``, the
validated :class:`~meilijiayuan.plan.model.Plan` (pickled) together with the exact bytes of the
``plan.yaml`` it came from (``plan.compiled``).

:func:`load` uses that file only when it can be sure the result is what reading the plan
would give:

- the plan file the run would read holds exactly the stored bytes (any plan, wherever it
  lies: ``data/plan.yaml`` in a checkout, ``--plan``, ``MLJY_PLAN``, the packaged copy);
- the code that shaped the stored objects (:data:`SOURCES`) is byte for byte the code that
  compiled them, and Python, pydantic, pydantic-core and mljy are the versions that compiled
  them (one fingerprint of all of these), so an edited model or an upgraded library never
  meets a stale object;
- the compiled file is not writable by anyone but its owner, who is root or the user running
  mljy: a pickle is code, so it is only ever loaded from a file as trusted as mljy itself;
- the stored plan validated with no finding at all (the compiler refuses otherwise).

In every other case, and on any problem with the compiled file, it returns ``None`` and the
plan is read the ordinary way. Nothing here writes a file: the compiled plan is made by a
developer, checked by a test (``tests/unit/plan/test_compiled_plan.py``), and shipped in the
package.
"""

from __future__ import annotations

import os
import stat
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from meilijiayuan.plan.model import Plan

MAGIC = b"mljy-compiled-plan"
FORMAT = 2
FILE_NAME = "plan.compiled"
# the modules whose code made or defines the pickled objects
SOURCES = ("plan/model.py", "plan/fields.py", "periods.py", "measures.py")


def package_dir() -> Path:
    """The folder of the mljy package (where :data:`SOURCES` are)."""
    return Path(__file__).resolve().parent.parent


def compiled_path() -> Path:
    """Where the compiled plan is shipped: next to the bundled ``plan.yaml``."""
    return package_dir() / "data" / FILE_NAME


def fingerprint() -> int | None:
    """CRC-32 of :data:`SOURCES` and the versions the pickle depends on, or ``None`` when a
    source cannot be read."""
    import sys

    import pydantic
    import pydantic_core

    from meilijiayuan import __version__

    versions = f"{sys.version_info[:3]}|{pydantic.VERSION}|{pydantic_core.__version__}"
    versions += f"|{__version__}"
    crc = zlib.crc32(versions.encode())
    base = package_dir()
    try:
        for name in SOURCES:
            with open(base / name, "rb") as f:
                crc = zlib.crc32(f.read(), crc)
    except OSError:
        return None
    return crc


def header(plan_bytes: bytes, crc: int) -> bytes:
    """``mljy-compiled-plan 1 <crc> <length of the plan's bytes>`` and a newline."""
    return b"%s %d %08x %d\n" % (MAGIC, FORMAT, crc, len(plan_bytes))


def dump(plan: Plan, plan_bytes: bytes) -> bytes:
    """The compiled file for ``plan``, read from ``plan_bytes`` (see the module doc)."""
    import pickle

    crc = fingerprint()
    if crc is None:
        raise OSError("mljy's own sources cannot be read, so no fingerprint can be made")
    return header(plan_bytes, crc) + plan_bytes + pickle.dumps(plan, protocol=5)


def load(plan_path: str, compiled: Path | None = None) -> Plan | None:
    """The compiled plan when ``plan_path`` holds exactly its bytes, else ``None``."""
    try:
        return _load(plan_path, compiled or compiled_path())
    except Exception:  # a damaged or foreign compiled file: read the plan the ordinary way
        return None


def _load(plan_path: str, compiled: Path) -> Plan | None:
    with open(compiled, "rb") as f:
        own = os.fstat(f.fileno())
        if own.st_mode & 0o022 or own.st_uid not in (0, os.getuid()):
            return None  # writable by others, or another user's: never unpickled
        blob = f.read()
    end = blob.find(b"\n", 0, 200)
    if end < 0:
        return None
    fields = blob[:end].split(b" ")
    if len(fields) != 4 or fields[0] != MAGIC or fields[1] != b"%d" % FORMAT:
        return None
    size = int(fields[3])
    # the plan file first: a plan of another size is the common case and costs one stat
    st = os.stat(plan_path)
    if st.st_size != size or not stat.S_ISREG(st.st_mode):
        return None
    with open(plan_path, "rb") as f:
        if f.read(size + 1) != blob[end + 1 : end + 1 + size]:
            return None
    crc = fingerprint()
    if crc is None or fields[2] != b"%08x" % crc:
        return None
    import pickle

    from meilijiayuan.plan.model import Plan

    plan = pickle.loads(memoryview(blob)[end + 1 + size :])
    return plan if isinstance(plan, Plan) else None
