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
# The publish's intermediate folder: build.sh's rule.
$objDir = if ($env:SPECCAKE_HOST_OBJ_DIR) { $env:SPECCAKE_HOST_OBJ_DIR } else { "$hostDir.obj" }
# build.sh reads and writes the same stamp.
$stampFile = Join-Path $hostDir '.sources'
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

# The host's sources: build/ and src/ (bin/ and obj/ never entered), plus the shared MSBuild and SDK
# settings at the root that exist. The stamp file's modification time is when the last build began;
# its text is the host kind, the RID and which of the root settings existed then (as build.sh writes
# it); beside it, the list of the source files then (.sources.list).
$inputs = [System.Collections.Generic.List[string]]::new()
$inputs.Add((Join-Path $root 'build'))
$inputs.Add((Join-Path $root 'src'))
$stampText = "$kind $rid"
foreach ($name in 'Directory.Build.props', 'Directory.Build.targets', 'Directory.Packages.props', 'global.json', 'NuGet.config', 'nuget.config') {
    $path = Join-Path $root $name
    if (Test-Path -LiteralPath $path) {
        $inputs.Add($path)
        $stampText += " $name"
    }
}

# The first file (or, with -Folders, file or folder) newer than the stamp, or $null: an edited file is
# newer; so is the folder of an added, removed or renamed file, whatever time the file itself
# carries. Stops at the first.
function Find-FirstChange([string] $path, [datetime] $since, [switch] $Folders) {
    $isFolder = [System.IO.Directory]::Exists($path)
    if ((-not $isFolder -or $Folders) -and [System.IO.File]::GetLastWriteTimeUtc($path) -gt $since) { return $path }
    if (-not $isFolder) { return $null }
    foreach ($entry in [System.IO.Directory]::EnumerateFileSystemEntries($path)) {
        $name = [System.IO.Path]::GetFileName($entry)
        if ([System.IO.Directory]::Exists($entry) -and ($name -eq 'bin' -or $name -eq 'obj')) { continue }
        $found = Find-FirstChange $entry $since -Folders:$Folders
        if ($found) { return $found }
    }
    return $null
}

# Every source file, sorted, one a line (bin/ and obj/ never entered).
function Get-SourceList {
    $files = [System.Collections.Generic.List[string]]::new()
    foreach ($source in $inputs) {
        if ([System.IO.File]::Exists($source)) { $files.Add($source); continue }
        $pending = [System.Collections.Generic.Stack[string]]::new()
        $pending.Push($source)
        while ($pending.Count -gt 0) {
            $folder = $pending.Pop()
            foreach ($file in [System.IO.Directory]::EnumerateFiles($folder)) { $files.Add($file) }
            foreach ($child in [System.IO.Directory]::EnumerateDirectories($folder)) {
                $name = [System.IO.Path]::GetFileName($child)
                if ($name -ne 'bin' -and $name -ne 'obj') { $pending.Push($child) }
            }
        }
    }
    $files.Sort([System.StringComparer]::Ordinal)
    return [string]::Join("`n", $files)
}

function Test-HostUpToDate {
    if (-not (Test-Path -LiteralPath $hostExe) -or -not (Test-Path -LiteralPath $stampFile -PathType Leaf)) { return $false }
    if ((Get-Content -LiteralPath $stampFile -TotalCount 1) -ne $stampText) { return $false }
    $since = [System.IO.File]::GetLastWriteTimeUtc($stampFile)
    $changed = $null
    foreach ($source in $inputs) {
        $changed = Find-FirstChange $source $since -Folders
        if ($changed) { break }
    }
    if (-not $changed) { return $true }

    # Only a folder is newer: a file was added or removed there, or the folder just got a bin/ or obj/
    # (a first `dotnet build` or `dotnet test`). The same files, none newer, is no change: the stamp
    # moves on, so the next call checks quickly again.
    if (-not [System.IO.Directory]::Exists($changed) -or -not (Test-Path -LiteralPath "$stampFile.list" -PathType Leaf)) { return $false }
    foreach ($source in $inputs) {
        if (Find-FirstChange $source $since) { return $false }
    }
    if ((Get-SourceList) -ne ([System.IO.File]::ReadAllText("$stampFile.list").TrimEnd("`n"))) { return $false }
    [System.IO.File]::WriteAllText($stampFile, "$stampText`n")
    return $true
}

function Build-BuildHost {
    [Console]::Error.WriteLine("build.ps1: building the build host ($kind; sources changed or first run)...")
    $publish = @('publish', (Join-Path $root 'build/Build.csproj'), '-c', 'Release', '--nologo', '-v', 'quiet',
        '--artifacts-path', $objDir, '-o', $hostDir)
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

if (-not (Test-HostUpToDate)) {
    # Written (its time set) before the build starts, kept only when the build succeeds: a file saved
    # while the host builds is newer than the stamp, so the next call builds again.
    New-Item -ItemType Directory -Force -Path $hostDir | Out-Null
    [System.IO.File]::WriteAllText("$stampFile.next", "$stampText`n")
    [System.IO.File]::WriteAllText("$stampFile.list.next", (Get-SourceList) + "`n")
    Build-BuildHost
    Move-Item -LiteralPath "$stampFile.list.next" -Destination "$stampFile.list" -Force
    Move-Item -LiteralPath "$stampFile.next" -Destination $stampFile -Force
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
