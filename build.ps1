#!/usr/bin/env pwsh
# Runs this repository's build host (build/) with every argument passed through, e.g.
#   ./build.ps1                                  validates the specs (task Default)
#   ./build.ps1 --target=NotifySpecEvent --event=pr_merged --spec=FEAT-0001 --dryrun
#   ./build.ps1 --description                    lists the tasks
# The host is published once (ReadyToRun) to .artifacts/host and rebuilt only when a file under
# build/ or src/ (or the shared MSBuild/SDK settings) was added, removed or changed: a warm start
# runs the built host directly, without MSBuild or `dotnet run`.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = $PSScriptRoot
$hostDir = if ($env:SPECCAKE_HOST_DIR) { $env:SPECCAKE_HOST_DIR } else { Join-Path $root '.artifacts/host' }
# build.sh keeps its own stamp (another hash format) beside this one.
$stampFile = Join-Path $hostDir '.sources-ps1'
$isWindowsHost = [System.Runtime.InteropServices.RuntimeInformation]::IsOSPlatform([System.Runtime.InteropServices.OSPlatform]::Windows)
$hostExe = Join-Path $hostDir ($(if ($isWindowsHost) { 'SpecCake.Build.exe' } else { 'SpecCake.Build' }))

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
    [Console]::Error.WriteLine('build.ps1: building the build host (sources changed or first run)...')
    $rid = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
    $publish = @('publish', (Join-Path $root 'build/Build.csproj'), '-c', 'Release', '--nologo', '-v', 'quiet',
        '--artifacts-path', "$hostDir.obj", '-o', $hostDir)
    # ReadyToRun needs a runtime identifier; it roughly halves the host's start.
    if ($rid -match '^(linux|osx|win)-(x64|arm64)$') {
        $publish += @('-r', $rid, '--self-contained', 'false', '-p:PublishReadyToRun=true')
    }
    $output = & dotnet @publish 2>&1
    if ($LASTEXITCODE -ne 0) {
        $output | ForEach-Object { [Console]::Error.WriteLine($_) }
        [Console]::Error.WriteLine('build.ps1: building the build host failed (see above).')
        exit 1
    }
}

$stamp = Get-SourcesStamp
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
