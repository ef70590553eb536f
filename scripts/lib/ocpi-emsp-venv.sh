# Creates .venv-ocpi-emsp with PyPI extrawest-ocpi (the independent eMSP of the OCPI interop tests) and uvicorn.
# It pins old fastapi, pydantic 1 and httpx, so it gets a venv of its own, apart from .venv's test peers.
# Re-installs when the pins below change. Tests find it through $OCPI_EMSP_PYTHON (set by scripts/test).

OCPI_EMSP_REQUIREMENTS="extrawest-ocpi==2025.7.16 uvicorn==0.23.2"

ensure_ocpi_emsp_venv() {
    local root="$1"
    local venv="$root/.venv-ocpi-emsp"
    local stamp="$venv/.requirements"
    if [ ! -x "$venv/bin/python" ]; then
        echo "==> Creating the extrawest-ocpi eMSP's venv in $venv"
        python3 -m venv "$venv"
    fi
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$OCPI_EMSP_REQUIREMENTS" ]; then
        echo "==> Installing $OCPI_EMSP_REQUIREMENTS"
        # shellcheck disable=SC2086
        "$venv/bin/pip" install -q --disable-pip-version-check $OCPI_EMSP_REQUIREMENTS
        echo "$OCPI_EMSP_REQUIREMENTS" > "$stamp"
    fi
    export OCPI_EMSP_PYTHON="$venv/bin/python"
}
