# Sourced by build.sh and pack.sh: which host this machine builds. Sets
#   rid        the runtime identifier (empty where unknown)
#   toolchain  clang | gcc | empty: the C toolchain NativeAOT compiles and links with
#   kind       native | readytorun (SPECCAKE_HOST_BUILD=native|readytorun overrides)
# Builtins only (this runs on the warm path): bash's own OSTYPE and HOSTTYPE, no uname.
case "$OSTYPE-$HOSTTYPE" in
  linux*-x86_64) rid=linux-x64 ;;
  linux*-aarch64 | linux*-arm64) rid=linux-arm64 ;;
  darwin*-arm64 | darwin*-aarch64) rid=osx-arm64 ;;
  darwin*-x86_64) rid=osx-x64 ;;
  *) rid="" ;;
esac

# NativeAOT compiles with the platform's C toolchain: clang (the SDK's default) or gcc (told so).
toolchain=""
if command -v clang > /dev/null 2>&1; then
  toolchain=clang
elif command -v gcc > /dev/null 2>&1; then
  toolchain=gcc
fi

# native | readytorun: what this machine can build, or what SPECCAKE_HOST_BUILD asks for.
case "${SPECCAKE_HOST_BUILD:-auto}" in
  native | readytorun) kind="$SPECCAKE_HOST_BUILD" ;;
  *) if [ -n "$rid" ] && [ -n "$toolchain" ]; then kind=native; else kind=readytorun; fi ;;
esac
