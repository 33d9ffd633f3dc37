#!/bin/sh
# Stands in for puppet on the OpenSSH interop host: puts a real report sample (a run with a failing resource) in
# place and exits as puppet does; `--environment hang` never finishes, until a signal ends it.
STATE="@STATE@"
SAMPLES="@SAMPLES@"
case "$1" in
  agent)
    environment=production
    while [ $# -gt 0 ]; do
      if [ "$1" = "--environment" ]; then environment="$2"; fi
      shift
    done
    echo "Info: Using environment '$environment'"
    if [ "$environment" = "hang" ]; then
      exec sleep @HANG_SECONDS@
    fi
    cp "$SAMPLES/failing/last_run_summary.yaml" "$STATE/last_run_summary.yaml"
    cp "$SAMPLES/failing/last_run_report.yaml" "$STATE/last_run_report.yaml"
    echo "Error: /Stage[main]/Main/Exec[failing-command]/returns: change from 'notrun' to ['0'] failed" >&2
    echo "Notice: Applied catalog in 0.03 seconds"
    exit 6
    ;;
  config)
    echo "lastrunfile = $STATE/last_run_summary.yaml"
    echo "lastrunreport = $STATE/last_run_report.yaml"
    ;;
  *)
    echo "fake puppet: unsupported: $*" >&2
    exit 1
    ;;
esac
