# Helpers for scripts/setup/*.sh (sourced). Installs go through the ordinary package clients only.

# ensure_apt PKG... : installs the Debian packages that are missing; runs apt-get update at most once per run.
ensure_apt() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  # One apt-get update per test run, shared by the setup scripts through a marker file.
  if [ -z "${LIFTWING_APT_MARKER:-}" ] || [ ! -e "$LIFTWING_APT_MARKER" ]; then
    echo "setup: apt-get update"
    $SUDO apt-get update -qq
    [ -n "${LIFTWING_APT_MARKER:-}" ] && touch "$LIFTWING_APT_MARKER"
  fi
  echo "setup: apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
