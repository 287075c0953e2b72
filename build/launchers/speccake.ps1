#!/usr/bin/env pwsh
# Starts SpecCake (the SpecCake.Tool dotnet tool) with every argument passed through, exactly as
# `dotnet speccake` does, e.g.   ./speccake.ps1 --target=ValidateSpecs
#
# The tool manifest next to this script (.config/dotnet-tools.json or dotnet-tools.json) stays the
# one place that pins SpecCake's version. This script reads that version and starts the native
# executable `dotnet tool restore` put in the NuGet packages folder ($env:NUGET_PACKAGES, else
# ~/.nuget/packages) directly: the `dotnet` muxer would spend ~0.25 s finding the local tool on
# every call. When that version is not restored yet, it runs `dotnet tool restore` first; where no
# native package exists for the platform it runs the framework-dependent one, or `dotnet speccake`.
#
# From SpecCake (https://github.com/speccake/speccake, build/launchers/speccake.ps1); replace it
# with the copy of a newer SpecCake rather than editing it. Windows PowerShell 5.1 and PowerShell 7.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$manifest = @((Join-Path $PSScriptRoot '.config/dotnet-tools.json'), (Join-Path $PSScriptRoot 'dotnet-tools.json')) |
    Where-Object { Test-Path -LiteralPath $_ -PathType Leaf } | Select-Object -First 1
$version = $null
if ($manifest) {
    $tools = (Get-Content -Raw -LiteralPath $manifest | ConvertFrom-Json).tools
    $entry = if ($tools) { $tools.PSObject.Properties | Where-Object { $_.Name -ieq 'speccake.tool' } | Select-Object -First 1 } else { $null }
    if ($entry -and $entry.Value.PSObject.Properties['version']) { $version = ([string]$entry.Value.version).ToLowerInvariant() }
}

# The runtime identifier of the tool's native package (pack.sh builds one per RID).
$runtime = [System.Runtime.InteropServices.RuntimeInformation]
$isWindowsHost = $runtime::IsOSPlatform([System.Runtime.InteropServices.OSPlatform]::Windows)
$ridProperty = $runtime.GetProperty('RuntimeIdentifier')
$rid = if ($ridProperty) { $ridProperty.GetValue($null) } else { $null }
if (-not $rid) {
    # Windows PowerShell 5.1 (.NET Framework) has no RuntimeIdentifier.
    $os = if ($isWindowsHost) { 'win' } elseif ($runtime::IsOSPlatform([System.Runtime.InteropServices.OSPlatform]::OSX)) { 'osx' } else { 'linux' }
    $rid = "$os-$($runtime::OSArchitecture.ToString().ToLowerInvariant())"
}

$packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
$native = if ($version) { Join-Path $packages "speccake.tool.$rid/$version/tools/any/$rid/SpecCake.Tool$(if ($isWindowsHost) { '.exe' })" }
$portable = if ($version) { Join-Path $packages "speccake.tool.any/$version/tools/net10.0/any/SpecCake.Tool.dll" }

# Where the dotnet muxer itself remembers a restored tool (NuGet.config's globalPackagesFolder, or a
# restore under another NUGET_PACKAGES): the executable its cache names for this version.
function Find-Remembered {
    $cliHome = if ($env:DOTNET_CLI_HOME) { $env:DOTNET_CLI_HOME } else { [Environment]::GetFolderPath('UserProfile') }
    $cache = Join-Path $cliHome '.dotnet/toolResolverCache/1/speccake.tool'
    if (-not (Test-Path -LiteralPath $cache -PathType Leaf)) { return $null }
    foreach ($known in @(Get-Content -Raw -LiteralPath $cache | ConvertFrom-Json)) {
        if ($known.Version -ieq $version -and $known.PathToExecutable -and (Test-Path -LiteralPath $known.PathToExecutable -PathType Leaf)) {
            return $known.PathToExecutable
        }
    }
    return $null
}

function Start-Tool([object[]] $arguments) {
    if (Test-Path -LiteralPath $native -PathType Leaf) { & $native @arguments; exit $LASTEXITCODE }
    if (Test-Path -LiteralPath $portable -PathType Leaf) { & dotnet $portable @arguments; exit $LASTEXITCODE }
    $remembered = Find-Remembered
    if ($remembered) { & $remembered @arguments; exit $LASTEXITCODE }
}

if (-not $env:SPECCAKE_HOST_LAUNCHER) { $env:SPECCAKE_HOST_LAUNCHER = './speccake.ps1' }
if ($version) {
    Start-Tool $args

    # Not restored on this machine yet (a fresh CI runner): restore what the manifest pins, then start it.
    [Console]::Error.WriteLine("speccake.ps1: SpecCake.Tool $version is not restored here yet; running dotnet tool restore")
    Push-Location -LiteralPath $PSScriptRoot
    try { & dotnet tool restore | ForEach-Object { [Console]::Error.WriteLine($_) } } finally { Pop-Location }
    Start-Tool $args
}

# No manifest entry here, or a packages folder this script does not know: the dotnet muxer finds the tool its own way.
& dotnet speccake @args
exit $LASTEXITCODE
