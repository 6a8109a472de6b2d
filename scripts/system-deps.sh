#!/usr/bin/env bash
# Installs the Debian packages kehoach's tests and exports use, when they are missing and we
# can (root with apt-get). Without them the browser, PDF and OCR tests skip with a clear reason.
set -u
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
# OCR of scans and photos (docparse): Tesseract and its Vietnamese data
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
tesseract --list-langs 2>/dev/null | grep -qx vie || need+=(tesseract-ocr-vie)
fc-list 2>/dev/null | grep -qi "Liberation Serif" || need+=(fonts-liberation)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq "${need[@]}" >/dev/null \
    || echo "warning: could not install ${need[*]}; the tests that need them will skip" >&2
else
  echo "note: missing ${need[*]} (install them with apt-get as root); the tests that need them will skip" >&2
fi
exit 0
