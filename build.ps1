#!/usr/bin/env pwsh
# Runs this repository's build host (build/) with every argument passed through, e.g.
#   ./build.ps1                                  validates the specs (task Default)
#   ./build.ps1 --target=NotifySpecEvent --event=pr_merged --spec=FEAT-0001 --dryrun
#   ./build.ps1 --description                    lists the tasks
# The host is published once to .artifacts/host and rebuilt only when a file under build/ or src/
# (or the shared MSBuild/SDK settings) was added, removed or changed: a warm start runs the built
# host directly, without MSBuild or `dotnet run`. It is a native (NativeAOT) executable where a C
# toolchain is installed (clang or gcc; on Windows the Visual C++ build tools), else a ReadyToRun one
# on the .NET runtime; SPECCAKE_HOST_BUILD=native or =readytorun picks one.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = $PSScriptRoot
$hostDir = if ($env:SPECCAKE_HOST_DIR) { $env:SPECCAKE_HOST_DIR } else { Join-Path $root '.artifacts/host' }
# build.sh keeps its own stamp (another hash format) beside this one.
$stampFile = Join-Path $hostDir '.sources-ps1'
$isWindowsHost = [System.Runtime.InteropServices.RuntimeInformation]::IsOSPlatform([System.Runtime.InteropServices.OSPlatform]::Windows)
$hostExe = Join-Path $hostDir ($(if ($isWindowsHost) { 'SpecCake.Tool.exe' } else { 'SpecCake.Tool' }))
$rid = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
$ridSupported = $rid -match '^(linux|osx|win)-(x64|arm64)$'

# NativeAOT links with the platform's C toolchain: clang (the SDK's default) or gcc on Linux and macOS,
# the Visual C++ build tools (found by vswhere) on Windows.
function Get-NativeToolchain {
    if ($isWindowsHost) {
        $vswhere = Join-Path ${env:ProgramFiles(x86)} 'Microsoft Visual Studio/Installer/vswhere.exe'
        if ((Test-Path -LiteralPath $vswhere) -and (& $vswhere -latest -products * -requires Microsoft.VisualStudio.Component.VC.Tools.x86.x64 -property installationPath)) { return 'msvc' }
        return $null
    }
    if (Get-Command clang -CommandType Application -ErrorAction SilentlyContinue) { return 'clang' }
    if (Get-Command gcc -CommandType Application -ErrorAction SilentlyContinue) { return 'gcc' }
    return $null
}

$toolchain = Get-NativeToolchain
$kind = switch ($env:SPECCAKE_HOST_BUILD) {
    'native' { 'native' }
    'readytorun' { 'readytorun' }
    default { if ($ridSupported -and $toolchain) { 'native' } else { 'readytorun' } }
}

# Path, size and modification time of every host source, hashed: it notices edits, new files and
# deleted files alike. bin/ and obj/ are never entered.
function Get-SourceLines([string] $directory) {
    foreach ($file in [System.IO.Directory]::EnumerateFiles($directory)) {
        $info = [System.IO.FileInfo]::new($file)
        '{0} {1} {2}' -f $file.Substring($root.Length), $info.Length, $info.LastWriteTimeUtc.Ticks
    }
    foreach ($child in [System.IO.Directory]::EnumerateDirectories($directory)) {
        $name = [System.IO.Path]::GetFileName($child)
        if ($name -ne 'bin' -and $name -ne 'obj') { Get-SourceLines $child }
    }
}

function Get-SourcesStamp {
    $lines = [System.Collections.Generic.List[string]]::new()
    foreach ($directory in 'build', 'src') {
        foreach ($line in Get-SourceLines (Join-Path $root $directory)) { $lines.Add($line) }
    }
    foreach ($name in 'Directory.Build.props', 'Directory.Build.targets', 'Directory.Packages.props', 'global.json', 'NuGet.config', 'nuget.config') {
        $path = Join-Path $root $name
        if (Test-Path -LiteralPath $path -PathType Leaf) {
            $bytes = [System.IO.File]::ReadAllBytes($path)
            $lines.Add("$name " + [System.Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData($bytes)))
        }
    }
    $lines.Sort([System.StringComparer]::Ordinal)
    $text = [string]::Join("`n", $lines)
    [System.Convert]::ToHexString([System.Security.Cryptography.SHA256]::HashData([System.Text.Encoding]::UTF8.GetBytes($text)))
}

function Build-BuildHost {
    [Console]::Error.WriteLine("build.ps1: building the build host ($kind; sources changed or first run)...")
    $publish = @('publish', (Join-Path $root 'build/Build.csproj'), '-c', 'Release', '--nologo', '-v', 'quiet',
        '--artifacts-path', "$hostDir.obj", '-o', $hostDir)
    if ($kind -eq 'native') {
        # Native: starts in a few ms (no runtime start, no JIT).
        $publish += @('-r', $rid)
        if ($toolchain -eq 'gcc') { $publish += '-p:CppCompilerAndLinker=gcc' }
    }
    elseif ($ridSupported) {
        # ReadyToRun needs a runtime identifier; it roughly halves the host's start.
        $publish += @('-r', $rid, '--self-contained', 'false', '-p:PublishAot=false', '-p:PublishReadyToRun=true')
    }
    else {
        $publish += '-p:PublishAot=false'
    }
    $output = & dotnet @publish 2>&1
    if ($LASTEXITCODE -ne 0) {
        $output | ForEach-Object { [Console]::Error.WriteLine($_) }
        [Console]::Error.WriteLine('build.ps1: building the build host failed (see above).')
        exit 1
    }
}

$stamp = "$kind " + (Get-SourcesStamp)
$current = if (Test-Path -LiteralPath $stampFile) { (Get-Content -LiteralPath $stampFile -Raw).Trim() } else { '' }
if (-not (Test-Path -LiteralPath $hostExe) -or $current -ne $stamp) {
    Build-BuildHost
    Set-Content -LiteralPath $stampFile -Value $stamp -NoNewline
}

if (-not $env:DOTNET_ROOT) {
    $dotnet = Get-Command dotnet -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($dotnet) {
        $target = (Get-Item -LiteralPath $dotnet.Source).ResolvedTarget
        $env:DOTNET_ROOT = Split-Path -Parent $(if ($target) { $target } else { $dotnet.Source })
    }
}

$env:SPECCAKE_HOST_LAUNCHER = './build.ps1'
& $hostExe @args
exit $LASTEXITCODE
