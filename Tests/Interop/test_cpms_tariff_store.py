"""`cpms tariff create/edit/assign/list/show` on a database, as a CPO runs them: every edit is a new version,
bad files and bad targets are refused naming what is wrong, and a refused command stores nothing."""

from __future__ import annotations

import json
import subprocess

from test_stationd_process import BIN

TARIFF = {
    "country_code": "NL", "party_id": "SMR", "id": "AC-1", "currency": "EUR",
    "elements": [{"price_components": [{"type": "ENERGY", "price": 0.2675, "vat": 21, "step_size": 1}]}],
    "last_updated": "2026-01-01T00:00:00Z",
}


def test_tariff_versions_and_assignments_through_the_cli(tmp_path):
    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(BIN / "cpms"), *args, "--database", "sqlite://cpms.db"], capture_output=True, text=True,
                              timeout=60, cwd=tmp_path, stdin=subprocess.DEVNULL)

    def write(name: str, document: dict) -> str:
        (tmp_path / name).write_text(json.dumps(document))
        return str(tmp_path / name)

    assert run("station", "add", "CS-9").returncode == 0
    created = run("tariff", "create", write("v1.json", TARIFF))
    assert created.returncode == 0 and "tariff AC-1 version 1" in created.stdout, created.stderr
    assert run("tariff", "create", write("v1.json", TARIFF)).returncode == 1

    cheaper = dict(TARIFF, elements=[{"price_components": [{"type": "ENERGY", "price": 0.25, "step_size": 1}]}])
    edited = run("tariff", "edit", write("v2.json", cheaper))
    assert edited.returncode == 0 and "tariff AC-1 version 2" in edited.stdout, edited.stderr

    negative = dict(TARIFF, elements=[{"price_components": [{"type": "ENERGY", "price": -1, "step_size": 1}]}])
    refused = run("tariff", "edit", write("bad.json", negative))
    assert refused.returncode == 1 and "elements[0].price_components[0].price" in refused.stderr

    assert run("tariff", "assign", "AC-1", "CS-9", "--evse", "1").returncode == 0
    assert run("tariff", "assign", "AC-1", "CS-9", "--connector", "1").returncode == 64
    unknown_station = run("tariff", "assign", "AC-1", "CS-NONE")
    assert unknown_station.returncode == 1 and "unknown station CS-NONE" in unknown_station.stderr
    assert run("tariff", "assign", "NOPE", "CS-9").returncode == 1

    listed = run("tariff", "list")
    assert listed.returncode == 0 and listed.stdout.startswith("AC-1  version 2")
    shown = run("tariff", "show", "AC-1").stdout.splitlines()
    assert [line.split(" valid from")[0] for line in shown[0::2]] == ["version 1", "version 2"]
    prices = [json.loads(line)["elements"][0]["price_components"][0]["price"] for line in shown[1::2]]
    assert prices == [0.2675, 0.25]
    assert run("tariff", "show", "NOPE").returncode == 1
