"""meilijiayuan.read.yaml_import: PyYAML imported without compiling its reader's regex, and the
pattern put in its place matches exactly the same characters."""

from __future__ import annotations

import re
import subprocess
import sys

from meilijiayuan.read.yaml_import import NON_PRINTABLE, PYYAML_NON_PRINTABLE


def test_same_characters_on_every_code_point() -> None:
    # re.UNICODE is the default for str patterns: a different cache key, the same pattern,
    # so this compiles PyYAML's own expression rather than taking the seeded one
    theirs = re.compile(PYYAML_NON_PRINTABLE, re.UNICODE)
    ours = re.compile(NON_PRINTABLE)
    every = "".join(map(chr, range(0x110000)))
    assert ours.findall(every) == theirs.findall(every)
    assert len(ours.findall(every)) == 2 * 1024 + 63  # C0/C1 controls but \t \n \r NEL,
    # DEL, the surrogates, U+FFFE and U+FFFF


def test_pyyaml_reader_gets_the_seeded_pattern() -> None:
    """Fails when PyYAML writes its pattern differently: update PYYAML_NON_PRINTABLE."""
    code = (
        "from meilijiayuan.read.yaml_import import NON_PRINTABLE, yaml\n"
        "print(yaml.reader.Reader.NON_PRINTABLE.pattern == NON_PRINTABLE)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


def test_pyyaml_still_refuses_what_it_refused() -> None:
    """The pure-Python reader (not used by mljy) keeps its behaviour with the seeded pattern."""
    code = (
        "from meilijiayuan.read.yaml_import import yaml\n"
        "try:\n"
        "    yaml.load('a: \\x07', Loader=yaml.SafeLoader)\n"
        "except yaml.reader.ReaderError as e:\n"
        "    print('refused', e.character == 7)\n"
        "print(yaml.load('a: b\\xa0c', Loader=yaml.SafeLoader))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[0] == "refused True"
