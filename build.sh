#!/usr/bin/env bash
# Runs this repository's build host (build/) with every argument passed through, e.g.
#   ./build.sh                                  validates the specs (task Default)
#   ./build.sh --target=NotifySpecEvent --event=pr_merged --spec=FEAT-0001 --dryrun
#   ./build.sh --description                    lists the tasks
# The host is published once to .artifacts/host and rebuilt only when a file under build/ or src/
# (or the shared MSBuild/SDK settings) was added, removed or changed: a warm start runs the built
# host directly, without MSBuild or `dotnet run`. It is a native (NativeAOT) executable where a C
# toolchain is installed (clang, or gcc), else a ReadyToRun one on the .NET runtime;
# SPECCAKE_HOST_BUILD=native or =readytorun picks one.
set -euo pipefail

# Every fork counts on the warm path (it runs once per CI step): builtins wherever possible.
script_dir="${BASH_SOURCE[0]%/*}"
[ "$script_dir" = "${BASH_SOURCE[0]}" ] && script_dir=.
root="$(cd "$script_dir" && pwd)"
host_dir="${SPECCAKE_HOST_DIR:-$root/.artifacts/host}"
stamp_file="$host_dir/.sources-sh" # build.ps1 keeps its own stamp beside it
host="$host_dir/SpecCake.Tool"

# Path, size and modification time of every host source, hashed: one find and one cksum (a few
# ms), and it notices edits, new files and deleted files alike.
sources_stamp() {
  local inputs=("$root/build" "$root/src") file
  for file in Directory.Build.props Directory.Build.targets Directory.Packages.props global.json NuGet.config nuget.config; do
    [ -e "$root/$file" ] && inputs+=("$root/$file")
  done
  case "$OSTYPE" in
    darwin* | freebsd*) # BSD find has no -printf
      find "${inputs[@]}" -type d \( -name bin -o -name obj \) -prune -o -type f -exec stat -f '%N %z %m' {} + | cksum ;;
    *)
      find "${inputs[@]}" -type d \( -name bin -o -name obj \) -prune -o -type f -printf '%p %s %T@\n' | cksum ;;
  esac
}

# rid, toolchain and kind (sourced: builtins only, this runs on the warm path).
. "$root/build/host-kind.sh"

build_host() {
  local log
  echo "build.sh: building the build host ($kind; sources changed or first run)..." >&2
  log="$(mktemp)"
  local publish=(dotnet publish "$root/build/Build.csproj" -c Release --nologo -v quiet
    --artifacts-path "${host_dir}.obj" -o "$host_dir")
  if [ "$kind" = native ]; then
    # Native: starts in a few ms (no runtime start, no JIT); needs a RID and a C toolchain.
    publish+=(-r "${rid:-linux-x64}")
    [ "$toolchain" = gcc ] && publish+=(-p:CppCompilerAndLinker=gcc)
  elif [ -n "$rid" ]; then
    # ReadyToRun needs a runtime identifier; it cuts the start from ~0.3 s to ~0.15 s here.
    publish+=(-r "$rid" --self-contained false -p:PublishAot=false -p:PublishReadyToRun=true)
  else
    publish+=(-p:PublishAot=false)
  fi
  if ! "${publish[@]}" > "$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "build.sh: building the build host failed (see above)." >&2
    exit 1
  fi
  # Kept: the native build's trim/AOT warnings are checked by the tests (NativeHostTests).
  mv "$log" "$host_dir/.publish.log"
}

# Where the dotnet that built the host lives: its apphost needs that runtime when dotnet is not
# in a default location. Found at build time, remembered beside the stamp.
dotnet_root() {
  local dotnet
  dotnet="$(type -P dotnet)" || return 0
  dotnet="$(readlink -f "$dotnet" 2> /dev/null || echo "$dotnet")"
  echo "${dotnet%/*}"
}

stamp="$kind $(sources_stamp)"
current=""
[ -f "$stamp_file" ] && { read -r current < "$stamp_file" || true; }
if [ ! -x "$host" ] || [ "$current" != "$stamp" ]; then
  build_host
  dotnet_root > "$host_dir/.dotnet-root"
  printf '%s\n' "$stamp" > "$stamp_file"
fi

if [ -z "${DOTNET_ROOT:-}" ] && [ -f "$host_dir/.dotnet-root" ]; then
  read -r DOTNET_ROOT < "$host_dir/.dotnet-root" || true
  [ -n "$DOTNET_ROOT" ] && export DOTNET_ROOT || unset DOTNET_ROOT
fi

export SPECCAKE_HOST_LAUNCHER="./build.sh"
exec "$host" "$@"
