#!/usr/bin/env bash
# Runs every check CI runs. Installs the Debian tools the tests use when they are missing
# (poppler-utils, qpdf, LibreOffice Writer, python3-docx, the Liberation fonts).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
/usr/bin/python3 -c 'import docx' >/dev/null 2>&1 || missing+=(python3-docx)
[ -f /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ] || missing+=(fonts-liberation2)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cargo fmt --check
cargo clippy --all-targets -- -D warnings
cargo test
