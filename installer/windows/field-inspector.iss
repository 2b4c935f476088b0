; Inno Setup 6 script: wraps the PyInstaller one-folder build into FieldInspector-Setup-<version>.exe
;
;   pyinstaller --noconfirm build_installer.spec                       (makes dist\field-inspector\)
;   iscc /DAppVersion=0.1.0 installer\windows\field-inspector.iss      (makes dist\installer\…exe)
;
; Per-user install by default (no administrator rights needed on a bureau laptop; IT can pass
; /ALLUSERS for a machine-wide install). The data folder (%LOCALAPPDATA%\FieldInspector, with the
; workspace and the logs) is NEVER touched by install, upgrade or uninstall: records are evidence.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "现场检查 Field Inspector"
#define AppExe "field-inspector.exe"
#define CliExe "inspector-app.exe"
#define SourceDir "..\..\dist\field-inspector"

[Setup]
; Keep this AppId for every release: upgrades replace the previous version in place.
AppId={{7C5E2B1A-4F0D-4E8A-9B6F-2D7A51C3E9F4}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Field Inspector
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\FieldInspector
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist\installer
OutputBaseFilename=FieldInspector-Setup-{#AppVersion}
SetupIconFile=..\..\resources\icons\field-inspector.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; A running copy holds its files open: ask it to close (Restart Manager) before upgrading.
CloseApplications=yes
RestartApplications=no
; Code signing (see README "Building the installer"): configure a sign tool named "signtool" in the
; Inno Setup IDE or pass /Ssigntool="signtool.exe sign /fd sha256 /tr http://timestamp.example /td sha256 $f"
; to iscc, then uncomment:
; SignTool=signtool
; SignedUninstaller=yes

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; The whole one-folder build; files left over from an older version are removed below.
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; _internal\ is replaced as a whole on upgrade, so no stale module of the previous version survives.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Registry]
; Let IT staff and scripts find the command-line program (inspector-app.exe) without a PATH change.
Root: HKA; Subkey: "Software\Microsoft\Windows\CurrentVersion\App Paths\{#CliExe}"; ValueType: string; ValueName: ""; ValueData: "{app}\{#CliExe}"; Flags: uninsdeletekey

[Run]
; Check the installed copy works before the inspector leaves the office (offscreen, exit code 0).
Filename: "{app}\{#CliExe}"; Parameters: "--version"; Flags: runhidden waituntilterminated; StatusMsg: "Checking the installation…"
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only the program folder. The data folder with the inspectors' records stays.
Type: filesandordirs; Name: "{app}\_internal"
