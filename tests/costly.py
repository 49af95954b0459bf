"""What reading one hostile file costs, measured in a fresh process (issue 9.7).

The reading runs in a child Python process so that nothing the test process already holds counts:
the child reports the CPU seconds the reading took (its own and its children's: the calamine
reader runs in a grandchild), the wall seconds, and how far its peak resident memory rose above
its size before reading (VmHWM, reset through /proc/self/clear_refs, so what C parsers allocate
counts too). CPU seconds are what the file costs whatever else the machine runs; wall time is
bounded generously.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

SECONDS, MEGABYTES = 2.0, 200

# The child's frame around a test's `body`, which reads `content` and sets `outcome` (a dict).
_PROLOGUE = r"""
import json, resource, sys, time
import django
django.setup()
from django.utils import translation

def status(key):
    for line in open("/proc/self/status"):
        if line.startswith(key + ":"):
            return int(line.split()[1])

content = open(sys.argv[1], "rb").read()
translation.activate("vi")
with open("/proc/self/clear_refs", "w") as refs:  # the peak (VmHWM) restarts from the current size
    refs.write("5")
before = status("VmRSS")
start, cpu = time.perf_counter(), time.process_time()
"""
_EPILOGUE = r"""
children = resource.getrusage(resource.RUSAGE_CHILDREN)
outcome["seconds"] = time.process_time() - cpu + children.ru_utime + children.ru_stime
outcome["wall"] = time.perf_counter() - start
outcome["megabytes"] = (status("VmHWM") - before) / 1024 + children.ru_maxrss / 1024
print(json.dumps(outcome))
"""


def read_in_child(body: str, path: Path) -> dict[str, Any]:
    """Run `body` on the bytes of `path` in a fresh process; its outcome with seconds, wall and megabytes."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "xaydungdang.settings"}
    done = subprocess.run([sys.executable, "-c", _PROLOGUE + body + _EPILOGUE, str(path)], capture_output=True,
                          text=True, env=env, timeout=120, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def assert_bounded(outcome: dict[str, Any]) -> None:
    assert outcome["seconds"] < SECONDS, outcome
    assert outcome["wall"] < 5 * SECONDS, outcome
    assert outcome["megabytes"] < MEGABYTES, outcome
