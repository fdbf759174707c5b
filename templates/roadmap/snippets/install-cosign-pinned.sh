#!/usr/bin/env bash
# Install a pinned cosign release and refuse it unless its SHA-256 matches the value
# pinned here, for CI systems without a cosign installer (Jenkins, CircleCI, Azure
# Pipelines, Buildkite ...). Checksums are those pinned by sigstore/cosign-installer
# v4.1.2 for cosign v3.0.6; when you upgrade, take both values from the same source.
#
#   INSTALL_DIR=/usr/local/bin ./install-cosign-pinned.sh
set -euo pipefail

COSIGN_VERSION="v3.0.6"
INSTALL_DIR="${INSTALL_DIR:-$HOME/.local/bin}"

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64)  asset="cosign-linux-amd64"; sha256="c956e5dfcac53d52bcf058360d579472f0c1d2d9b69f55209e256fe7783f4c74" ;;
  Linux-aarch64) asset="cosign-linux-arm64"; sha256="bedac92e8c3729864e13d4a17048007cfafa79d5deca993a43a90ffe018ef2b8" ;;
  Darwin-arm64)  asset="cosign-darwin-arm64"; sha256="5fadd012ae6381a6a29ff86a7d39aa873878852f1073fc90b15995961ecfb084" ;;
  Darwin-x86_64) asset="cosign-darwin-amd64"; sha256="4c3e7af8372d3ca3296e62fa56f23fcbb5721cc6ac1827900d398f110d7cd280" ;;
  *) echo "unsupported platform: $(uname -s)-$(uname -m)" >&2; exit 2 ;;
esac

tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
curl -fsSL -o "$tmp" "https://github.com/sigstore/cosign/releases/download/${COSIGN_VERSION}/${asset}"

if command -v sha256sum >/dev/null; then
  actual="$(sha256sum "$tmp" | cut -d' ' -f1)"
else
  actual="$(shasum -a 256 "$tmp" | cut -d' ' -f1)"
fi
if [ "$actual" != "$sha256" ]; then
  echo "checksum mismatch for ${asset} ${COSIGN_VERSION}: got ${actual}" >&2
  exit 1
fi

mkdir -p "$INSTALL_DIR"
install -m 0755 "$tmp" "$INSTALL_DIR/cosign"
"$INSTALL_DIR/cosign" version
