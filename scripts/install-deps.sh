#!/usr/bin/env bash
# Installs, with apt-get, the Debian bookworm packages that haicap needs to build, test and run
# locally. Idempotent and quick when nothing is missing: dpkg is asked first, and apt-get (with its
# `update`) runs only for what is missing. Works as root, or through sudo otherwise.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config
  # clang++ (Debian's clang 14) for scripts/thread_safety.sh, the -Wthread-safety check
  clang
  # libraries the build links against
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler librocksdb-dev libabsl-dev
  libicu-dev libcli11-dev nlohmann-json3-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  # Debian's /usr/bin/python3 with gRPC: the independent client of the tests and of
  # deploy/run-local.sh's health check; YAML for the manifest test
  python3 python3-grpcio python3-yaml
)
# The manifest test renders the Kubernetes overlays with `kubectl kustomize`. Any kubectl will do
# (a newer one may come from the Kubernetes or Google Cloud repositories and owns /usr/bin/kubectl);
# Debian's own is in kubernetes-client.
command -v kubectl >/dev/null || packages+=(kubernetes-client)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query --show --showformat='${db:Status-Status}' "$package" 2>/dev/null || true)
  [[ $status == installed ]] || missing+=("$package")
done
((${#missing[@]} == 0)) && exit 0

as_root=(env DEBIAN_FRONTEND=noninteractive)
if ((EUID != 0)); then
  if ! command -v sudo >/dev/null; then
    echo "install-deps: not root and no sudo; as root run: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  as_root=(sudo "${as_root[@]}")
fi
echo "install-deps: installing ${missing[*]}" >&2
"${as_root[@]}" apt-get update -q
"${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
