#!/usr/bin/env bash
# The ship's box bundle: a self-contained AiOps (no dotnet on the box), the policies and the systemd unit, in one
# tarball to carry aboard. Run on a connected machine from the repository root:
#   deploy/systemd/publish.sh [linux-x64|linux-arm64]     -> artifacts/aiops-<rid>.tar.gz
set -euo pipefail
rid="${1:-linux-x64}"
cd "$(dirname "$0")/../.."
out="artifacts/aiops-$rid"
rm -rf "$out"
# Composite ReadyToRun: the runtime ships with the box anyway, so it and AiOps are precompiled as one, which also
# precompiles the runtime's generic code over AiOps' types (async state machines, collections of our structs) that a
# separate image cannot hold; the first event after start then JIT-compiles a fraction of what it would.
# A plain `dotnet publish -r <rid>` keeps its precompiled images in the same intermediate folders, and the two kinds
# must not be taken for each other (a host given the other kind's images aborts at start): start from none, and
# leave none behind.
clean_rid_intermediates() { rm -rf src/*/obj/Release/*/"$rid" src/*/bin/Release/*/"$rid"; }
clean_rid_intermediates
dotnet publish src/AiOps.Silo/AiOps.Silo.csproj -c Release -r "$rid" --self-contained true -p:PublishReadyToRunComposite=true -o "$out/opt/aiops"
clean_rid_intermediates
mkdir -p "$out/etc/aiops" "$out/etc/systemd/system"
cp -r policies "$out/etc/aiops/policies"
cp deploy/systemd/aiops.env.example "$out/etc/aiops/aiops.env.example"
cp deploy/systemd/aiops.service "$out/etc/systemd/system/aiops.service"
tar -C "$out" -czf "artifacts/aiops-$rid.tar.gz" .
echo "artifacts/aiops-$rid.tar.gz"
