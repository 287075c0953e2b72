#!/usr/bin/env bash
# Starts SpecCake (the SpecCake.Tool dotnet tool) with every argument passed through, exactly as
# `dotnet speccake` does, e.g.   ./speccake.sh --target=ValidateSpecs
#
# The tool manifest next to this script (.config/dotnet-tools.json or dotnet-tools.json) stays the
# one place that pins SpecCake's version. This script reads that version and starts the native
# executable `dotnet tool restore` put in the NuGet packages folder ($NUGET_PACKAGES, else
# ~/.nuget/packages) directly: the `dotnet` muxer would spend ~0.25 s finding the local tool on
# every call. When that version is not restored yet, it runs `dotnet tool restore` first; where no
# native package exists for the platform it runs the framework-dependent one, or `dotnet speccake`.
#
# From SpecCake (https://github.com/speccake/speccake, build/launchers/speccake.sh); replace it
# with the copy of a newer SpecCake rather than editing it.
set -euo pipefail

# Nothing but bash builtins before the tool starts: every process costs start-up, on every CI step.
here="${BASH_SOURCE[0]%/*}"
[ "$here" = "${BASH_SOURCE[0]}" ] && here=.

manifest=""
for candidate in "$here/.config/dotnet-tools.json" "$here/dotnet-tools.json"; do
  if [ -f "$candidate" ]; then
    manifest="$candidate"
    break
  fi
done

# The version of the speccake.tool entry (ids are case-insensitive; its object holds no braces).
version=""
if [ -n "$manifest" ]; then
  text=""
  IFS= read -r -d '' text < "$manifest" || true
  entry='"speccake\.tool"[[:space:]]*:[[:space:]]*\{[^}]*"version"[[:space:]]*:[[:space:]]*"([^"]+)"'
  shopt -s nocasematch
  [[ $text =~ $entry ]] && version="${BASH_REMATCH[1],,}"
  shopt -u nocasematch
fi

# The runtime identifier of the tool's native package (pack.sh builds one per RID).
exe=""
case "$OSTYPE-$HOSTTYPE" in
  linux-musl*-x86_64) rid=linux-musl-x64 ;;
  linux-musl*-aarch64 | linux-musl*-arm64) rid=linux-musl-arm64 ;;
  linux*-x86_64) rid=linux-x64 ;;
  linux*-aarch64 | linux*-arm64) rid=linux-arm64 ;;
  darwin*-arm64 | darwin*-aarch64) rid=osx-arm64 ;;
  darwin*-x86_64) rid=osx-x64 ;;
  msys*-x86_64 | cygwin*-x86_64) rid=win-x64 exe=.exe ;;
  *) rid=unknown ;;
esac

packages="${NUGET_PACKAGES:-${HOME:-}/.nuget/packages}"
packages="${packages%/}"
native="$packages/speccake.tool.$rid/$version/tools/any/$rid/SpecCake.Tool$exe"
portable="$packages/speccake.tool.any/$version/tools/net10.0/any/SpecCake.Tool.dll"

# Where the dotnet muxer itself remembers a restored tool (NuGet.config's globalPackagesFolder, or
# a restore under another NUGET_PACKAGES): the executable its cache names for this version.
find_remembered() {
  local cache="${DOTNET_CLI_HOME:-${HOME:-}}/.dotnet/toolResolverCache/1/speccake.tool" text="" entry
  [ -f "$cache" ] || return 1
  IFS= read -r -d '' text < "$cache" || true
  local pattern='\{[^{}]*\}'
  while [[ $text =~ $pattern ]]; do
    entry="${BASH_REMATCH[0]}"
    text="${text#*"$entry"}"
    if [[ $entry =~ \"Version\":\"([^\"]+)\" ]] && [ "${BASH_REMATCH[1],,}" = "$version" ] &&
      [[ $entry =~ \"PathToExecutable\":\"([^\"]+)\" ]] && [ -x "${BASH_REMATCH[1]}" ]; then
      remembered="${BASH_REMATCH[1]}"
      return 0
    fi
  done
  return 1
}

start() {
  [ -x "$native" ] && exec "$native" "$@"
  [ -f "$portable" ] && exec dotnet "$portable" "$@"
  remembered="" && find_remembered && exec "$remembered" "$@"
  return 0
}

export SPECCAKE_HOST_LAUNCHER="${SPECCAKE_HOST_LAUNCHER:-./speccake.sh}"
if [ -n "$version" ]; then
  start "$@"

  # Not restored on this machine yet (a fresh CI runner): restore what the manifest pins, then start it.
  echo "speccake.sh: SpecCake.Tool $version is not restored here yet; running dotnet tool restore" >&2
  (cd "$here" && dotnet tool restore) >&2
  start "$@"
fi

# No manifest entry here, or a packages folder this script does not know (NuGet.config's
# globalPackagesFolder): the dotnet muxer finds the tool its own way.
exec dotnet speccake "$@"
