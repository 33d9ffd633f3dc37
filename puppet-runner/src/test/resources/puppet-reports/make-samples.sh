#!/usr/bin/env bash
# Regenerates the report samples with a real puppet (Debian 12: apt-get install puppet, 7.23.0).
# Run from this directory: ./make-samples.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
base=/tmp/staypuft-samples
rm -rf "$base"
for sample in changes failing; do
  mkdir -p "$base/work"
  rm -rf "$base/work"/*
  # Own vardir/publicdir/confdir so nothing of the machine's puppet is touched; exit 2 and 6 are expected.
  puppet apply --detailed-exitcodes --color=false \
    --vardir "$base/var-$sample" --publicdir "$base/public-$sample" \
    --confdir "$base/conf" --codedir "$base/code" --logdir "$base/log" \
    "$here/$sample.pp" || true
  mkdir -p "$here/$sample"
  cp "$base/public-$sample/last_run_summary.yaml" "$here/$sample/"
  cp "$base/var-$sample/state/last_run_report.yaml" "$here/$sample/"
done
