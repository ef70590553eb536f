# Creates .venv-openadr with PyPI openleadr (the independent OpenADR 2.0b VTN of the DSO interop tests) and
# pytest. openleadr pins its dependencies (xmltodict 0.13.0, aiohttp, ...), so it gets a venv of its own, apart
# from .venv's test peers. Re-installs when the pins below change. Tests find it through $OPENADR_VTN_PYTHON
# (set by scripts/test).

OPENADR_REQUIREMENTS="openleadr==0.5.36"

ensure_openadr_venv() {
    local root="$1"
    local venv="$root/.venv-openadr"
    local stamp="$venv/.requirements"
    if [ ! -x "$venv/bin/python" ]; then
        echo "==> Creating the openleadr VTN's venv in $venv"
        python3 -m venv "$venv"
    fi
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$OPENADR_REQUIREMENTS" ]; then
        echo "==> Installing $OPENADR_REQUIREMENTS"
        # shellcheck disable=SC2086
        "$venv/bin/pip" install -q --disable-pip-version-check $OPENADR_REQUIREMENTS
        echo "$OPENADR_REQUIREMENTS" > "$stamp"
    fi
    export OPENADR_VTN_PYTHON="$venv/bin/python"
}
