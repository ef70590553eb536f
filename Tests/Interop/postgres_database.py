"""A PostgreSQL database of a test's own in the test cluster (CPMS_TEST_POSTGRES_URL, started by scripts/test).

cpms tests ran against one shared database; since cpms answers station tokens from the eMSPs it knows and
delivers every eMSP's pushes, one test's registered eMSP or queued pushes changed another's outcome. Each test
now gets a new, empty database; cpms migrates it at start.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid


def fresh_postgres_url() -> str:
    shared = os.environ["CPMS_TEST_POSTGRES_URL"]
    name = "cpms_it_" + uuid.uuid4().hex[:12]
    psql = shutil.which("psql") or next(
        (f"/usr/lib/postgresql/{v}/bin/psql" for v in sorted(os.listdir("/usr/lib/postgresql"), reverse=True)), "psql")
    subprocess.run([psql, shared, "-v", "ON_ERROR_STOP=1", "-qc", f"CREATE DATABASE {name}"],
                   check=True, capture_output=True, timeout=60)
    return shared.rsplit("/", 1)[0] + "/" + name
