#!/usr/bin/env bash
# One entry point for a fresh machine: installs what the harness needs, builds, then runs the main job or the tests.
#   ./build.sh run [harness run options]   the main job: `harness run` against the embedded platform, results under out/
#   ./build.sh test                        the whole test suite (what .ci/run calls)
#   ./build.sh setup                       only the installs
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

apt_packages=(etcd-server etcd-client fio nginx openssh-server nftables conntrack iproute2 wrk hyperfine poppler-utils fonts-dejavu-core python3 python3-pip procps)

setup() {
  local missing=()
  for p in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}" >&2
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
    # policy-rc.d on these machines keeps daemons from starting on install; the harness starts what it needs.
    DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >&2
  fi
}

build() {
  dotnet build "$root/Harness.sln" -c Release -nologo -v quiet -clp:ErrorsOnly
  # The watchdog starts on every cold start, so it is published ahead of time (NativeAOT).
  if [ -f "$root/src/Platform.Watchdog/Platform.Watchdog.csproj" ]; then
    dotnet publish "$root/src/Platform.Watchdog/Platform.Watchdog.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly \
      -p:PublishAot=true -o "$root/artifacts/watchdog" >/dev/null
    # The slim host-side monitor of a sandboxed replica; the provider finds it next to the watchdog.
    dotnet publish "$root/src/Platform.Sandbox/Platform.Sandbox.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly \
      -p:PublishAot=true -o "$root/artifacts/watchdog" >/dev/null
  fi
  export HARNESS_WATCHDOG="$root/artifacts/watchdog/watchdog"
}

cmd=${1:-test}; shift || true
case "$cmd" in
  setup) setup ;;
  run)
    setup; build
    exec dotnet "$root/src/Harness/bin/Release/net10.0/linux-x64/harness.dll" run "$@" ;;
  test)
    setup; build
    log=$(mktemp)
    set +e
    dotnet test "$root/Harness.sln" -c Release --no-build -nologo "$@" 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    set -e
    # One plain closing line over all test assemblies, for CI systems that read it.
    awk '/(Passed|Failed)!  -/ { for (i=1;i<=NF;i++) { if ($i=="Failed:") f+=$(i+1); if ($i=="Passed:") p+=$(i+1); if ($i=="Skipped:") s+=$(i+1) } }
         END { gsub(",","",p); printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
    rm -f "$log"
    exit "$rc" ;;
  *) echo "usage: ./build.sh run|test|setup" >&2; exit 2 ;;
esac
