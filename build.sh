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
CDPATH= cd -- "$script_dir"
root="$PWD"
cd "$OLDPWD"
host_dir="${SPECCAKE_HOST_DIR:-$root/.artifacts/host}"
# The publish's intermediate folder, beside the host unless SPECCAKE_HOST_OBJ_DIR names another (the
# tests build every kind of host in one, so the libraries under them are compiled once).
obj_dir="${SPECCAKE_HOST_OBJ_DIR:-${host_dir}.obj}"
stamp_file="$host_dir/.sources" # build.ps1 reads and writes the same stamp
host="$host_dir/SpecCake.Tool"

# The host's sources: build/ and src/ (bin/ and obj/ never entered), plus the shared MSBuild and SDK
# settings at the root that exist. The stamp file's modification time is when the last build began;
# its text is the host kind and which of the root settings existed then; beside it, the list of the
# source files then (.sources.list).
inputs=("$root/build" "$root/src")
present=""
for file in Directory.Build.props Directory.Build.targets Directory.Packages.props global.json NuGet.config nuget.config; do
  [ -e "$root/$file" ] && inputs+=("$root/$file") && present+=" $file"
done

# Every source file, sorted (not on the warm path: only to tell an added or removed file from a
# folder that merely got a bin/ or obj/ of its own).
source_list() {
  find "${inputs[@]}" -type d \( -name bin -o -name obj \) -prune -o -type f -print | LC_ALL=C sort
}

# rid, toolchain and kind (sourced: builtins only, this runs on the warm path).
. "$root/build/host-kind.sh"

build_host() {
  local log
  echo "build.sh: building the build host ($kind; sources changed or first run)..." >&2
  log="$(mktemp)"
  local publish=(dotnet publish "$root/build/Build.csproj" -c Release --nologo -v quiet
    --artifacts-path "$obj_dir" -o "$host_dir")
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

recorded=""
changed=""
[ -f "$stamp_file" ] && { read -r recorded < "$stamp_file" || true; }
if [ -x "$host" ] && [ "$recorded" = "$kind $rid$present" ]; then
  # Whether a source changed since the stamp: find stops at the first file or folder newer than it
  # (one process, a few ms). An edited file is newer; so is the folder of an added, removed or
  # renamed file, whatever time the file itself carries (a copy that kept an old time, a deletion).
  changed="$(exec find "${inputs[@]}" -type d \( -name bin -o -name obj \) -prune -o -newer "$stamp_file" -print -quit 2> /dev/null)" || changed="(find failed)"
  # Only a folder is newer: a file was added or removed there, or the folder just got a bin/ or obj/
  # (a first `dotnet build` or `dotnet test`). The same files, none newer, is no change: the stamp
  # moves on, so the next call is one find again.
  if [ -d "$changed" ] && [ -f "$stamp_file.list" ] &&
    [ -z "$(exec find "${inputs[@]}" -type d \( -name bin -o -name obj \) -prune -o -type f -newer "$stamp_file" -print -quit 2> /dev/null)" ] &&
    [ "$(source_list)" = "$(< "$stamp_file.list")" ]; then
    printf '%s\n' "$kind $rid$present" > "$stamp_file"
    changed=""
  fi
else
  changed="(no host of this kind yet)"
fi
if [ -n "$changed" ]; then
  mkdir -p "$host_dir"
  # Written (its time set) before the build starts, kept only when the build succeeds: a file saved
  # while the host builds is newer than the stamp, so the next call builds again.
  printf '%s\n' "$kind $rid$present" > "$stamp_file.next"
  source_list > "$stamp_file.list.next"
  build_host
  dotnet_root > "$host_dir/.dotnet-root"
  mv -f "$stamp_file.list.next" "$stamp_file.list"
  mv -f "$stamp_file.next" "$stamp_file"
fi

if [ -z "${DOTNET_ROOT:-}" ] && [ -f "$host_dir/.dotnet-root" ]; then
  read -r DOTNET_ROOT < "$host_dir/.dotnet-root" || true
  [ -n "$DOTNET_ROOT" ] && export DOTNET_ROOT || unset DOTNET_ROOT
fi

export SPECCAKE_HOST_LAUNCHER="./build.sh"
exec "$host" "$@"
