#!/usr/bin/env bash
# Makes sure the Debian packages the tests use are present: chromium (browser tests), dicom3tools
# (dciodvfy on the sample and the SR exports), dcmtk (dsrdump on the SR exports), orthanc +
# orthanc-dicomweb (the DICOMweb PACS of the tests). As root it installs what is missing with
# apt-get; otherwise it names what to install and fails.
set -euo pipefail

declare -A wanted=(
  [chromium]=/usr/bin/chromium
  [dicom3tools]=/usr/bin/dciodvfy
  [dcmtk]=/usr/bin/dsrdump
  [orthanc]=/usr/sbin/Orthanc
  [orthanc-dicomweb]=/usr/share/orthanc/plugins/libOrthancDicomWeb.so
)
missing=()
for package in "${!wanted[@]}"; do
  [[ -e "${wanted[$package]}" ]] || missing+=("$package")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "Missing Debian packages: ${missing[*]}. Install them: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
