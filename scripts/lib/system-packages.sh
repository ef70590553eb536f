# Installs the Debian packages Stationmaster needs, only those missing. Sourced by scripts/test and scripts/demo.

STATIONMASTER_APT_PACKAGES=(pkg-config libmodbus-dev libgpiod-dev socat python3-venv libsqlite3-dev postgresql openssl libjs-chart.js chromium chromium-driver)

ensure_system_packages() {
    local missing=()
    local package
    for package in "${STATIONMASTER_APT_PACKAGES[@]}" "$@"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$package")
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "==> Installing system packages: ${missing[*]}"
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "error: need root or sudo to install: ${missing[*]}" >&2; return 1; }
        sudo="sudo"
    fi
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"
}
