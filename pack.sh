#!/usr/bin/env bash
# Packs what other repositories use into one folder feed:
#   SpecCake         the addin (#addin nuget:?package=SpecCake, or a PackageReference)
#   SpecCake.Recipe  the Cake recipe (#load nuget:?package=SpecCake.Recipe): the tasks, on the addin
#   SpecCake.Tool    the dotnet tool (`dotnet speccake`): the top-level package, the native (NativeAOT)
#                    package of this machine's RID where a C toolchain is installed, and `any`, the
#                    framework-dependent package `dotnet tool install` takes on every other platform
#
#   ./pack.sh [--output <dir>] [--version <version>] [--packages <list>]
#     --output    default .artifacts/packages
#     --version   default the projects' own version: 0.1.0
#     --packages  a comma-separated choice of addin, recipe and tool (default all three): addin,recipe
#                 packs what a Cake script loads in seconds, without the tool's native code (minutes)
#
# It builds in build.sh's intermediate folder (.artifacts/host.obj, SPECCAKE_HOST_DIR's, or SPECCAKE_HOST_OBJ_DIR): after
# ./build.sh nothing is compiled again, not even the native code, unless --version changes what is
# compiled in: the native package is built in build.sh's native intermediate folder (obj/Build.native),
# the framework-dependent ones in one of their own (obj/Build; Directory.Build.props says why).
#
# A native package can only be built on its own platform: pack there with the same version and
# list every RID in ToolPackageRuntimeIdentifiers (pack.sh sets the list to what it built).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
output="$root/.artifacts/packages"
version=""
packages="addin,recipe,tool"
while [ $# -gt 0 ]; do
  case "$1" in
    --output|--version|--packages)
      if [ $# -lt 2 ]; then echo "pack.sh: $1 needs a value (--output <dir>, --version <version>, --packages <addin,recipe,tool>)" >&2; exit 2; fi ;;
  esac
  case "$1" in
    --output) output="$2"; shift 2 ;;
    --version) version="$2"; shift 2 ;;
    --packages) packages="$2"; shift 2 ;;
    *) echo "pack.sh: unknown argument '$1' (use --output <dir>, --version <version>, --packages <addin,recipe,tool>)" >&2; exit 2 ;;
  esac
done
wanted() { case ",$packages," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }
IFS=, read -r -a chosen <<< "$packages" # split on commas only: no word splitting or globbing
for package in ${chosen[@]+"${chosen[@]}"}; do
  case "$package" in
    addin|recipe|tool|"") ;;
    *) echo "pack.sh: unknown package '$package' in --packages (use a comma-separated choice of addin, recipe, tool)" >&2; exit 2 ;;
  esac
done
if [ -z "${packages//,/}" ]; then
  echo "pack.sh: --packages names no package (use a comma-separated choice of addin, recipe, tool)" >&2
  exit 2
fi
mkdir -p "$output"
output="$(cd "$output" && pwd)"

# Same choice as build.sh: NativeAOT where a RID and a C toolchain are known.
. "$root/build/host-kind.sh"
native=()
if [ "$kind" = native ]; then
  native=(-r "$rid")
  [ "$toolchain" = gcc ] && native+=(-p:CppCompilerAndLinker=gcc)
fi
rids="any"
native_rids=()
if [ ${#native[@]} -gt 0 ]; then
  rids="$rid;any"
  native_rids=("-p:SpecCakeNativeRids=$rid")
fi

host_dir="${SPECCAKE_HOST_DIR:-$root/.artifacts/host}" # build.sh's rule for its folders
obj_dir="${SPECCAKE_HOST_OBJ_DIR:-${host_dir}.obj}"
# One MSBuild process per pack (-maxcpucount:1): after ./build.sh there is nothing to build in
# parallel, and a worker node's start cost more than the pack (20 CPU s for the five, was 34-47).
common=(-c Release --nologo -v quiet -maxcpucount:1 -o "$output" --artifacts-path "$obj_dir")
[ -n "$version" ] && common+=("-p:Version=$version")
run() {
  echo "pack.sh: $*" >&2
  "$@" "${common[@]}"
}

if wanted addin; then run dotnet pack "$root/src/SpecCake/SpecCake.csproj"; fi
if wanted recipe; then run dotnet pack "$root/src/SpecCake.Recipe/SpecCake.Recipe.csproj"; fi
if wanted tool; then
  if [ ${#native[@]} -gt 0 ]; then
    run dotnet pack "$root/build/Build.csproj" "${native[@]}" ${native_rids[@]+"${native_rids[@]}"}
  fi
  run dotnet pack "$root/build/Build.csproj" ${native_rids[@]+"${native_rids[@]}"}
  run dotnet pack "$root/build/Build.csproj" -r any ${native_rids[@]+"${native_rids[@]}"}
  echo "pack.sh: packages in $output (SpecCake.Tool for: ${rids//;/, })" >&2
else
  echo "pack.sh: packages in $output" >&2
fi
