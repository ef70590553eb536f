# Creates .venv with the Python test peers (pymodbus, the ocpp library, pytest), re-installing when requirements change.

ensure_python_venv() {
    local root="$1"
    local venv="$root/.venv"
    local requirements="$root/Tests/Interop/requirements.txt"
    local stamp="$venv/.requirements.sha256"
    if [ ! -x "$venv/bin/python" ]; then
        echo "==> Creating Python venv for the test peers in $venv"
        python3 -m venv "$venv"
    fi
    local wanted
    wanted=$(sha256sum "$requirements" | cut -d' ' -f1)
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
        echo "==> Installing Python test peers from $requirements"
        "$venv/bin/pip" install -q --disable-pip-version-check -r "$requirements"
        echo "$wanted" > "$stamp"
    fi
}
