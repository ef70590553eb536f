# Creates .venv-oscp with PyPI pyoscp (the independent OSCP 2.0 Capacity Provider of the OSCP interop test).
# pyoscp pins flask<3 and packaging<22 and forgets python-dateutil, so it gets a venv of its own, apart from
# .venv's test peers. Re-installs when the pins below change. Tests find it through $OSCP_CP_PYTHON (set by scripts/test).

OSCP_CP_REQUIREMENTS="pyoscp==0.1.0 python-dateutil==2.9.0.post0 flask==2.3.3 flask-restx==1.3.2 werkzeug==3.1.9"

ensure_oscp_cp_venv() {
    local root="$1"
    local venv="$root/.venv-oscp"
    local stamp="$venv/.requirements"
    if [ ! -x "$venv/bin/python" ]; then
        echo "==> Creating the pyoscp Capacity Provider's venv in $venv"
        python3 -m venv "$venv"
    fi
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$OSCP_CP_REQUIREMENTS" ]; then
        echo "==> Installing $OSCP_CP_REQUIREMENTS"
        # shellcheck disable=SC2086
        "$venv/bin/pip" install -q --disable-pip-version-check $OSCP_CP_REQUIREMENTS
        echo "$OSCP_CP_REQUIREMENTS" > "$stamp"
    fi
    export OSCP_CP_PYTHON="$venv/bin/python"
}
