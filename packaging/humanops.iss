; Inno Setup script: a Windows installer made from the one-folder build (dist\humanops\).
; UNTESTED: written from Inno Setup 6's documentation; no Windows machine was at hand to run it.
; Steps in docs/packaging.md. From the repository root, after the build:
;     "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\humanops.iss
; writes dist\HumanOps-0.1.0-setup.exe.

#define AppVersion "0.1.0"

[Setup]
AppId={{6B0C7C52-3E8F-4D59-9A53-2F4B7C1D8E11}
AppName=HumanOps
AppVersion={#AppVersion}
AppPublisher=HumanOps
DefaultDirName={autopf}\HumanOps
DefaultGroupName=HumanOps
; A field laptop's user may not be an administrator: they may install for themselves alone.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SourceDir=..
OutputDir=dist
OutputBaseFilename=HumanOps-{#AppVersion}-setup
SetupIconFile=build\pyinstaller\humanops\icon\humanops.ico
UninstallDisplayIcon={app}\humanops.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "dist\humanops\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\HumanOps"; Filename: "{app}\humanops.exe"; Parameters: "app"; WorkingDir: "{userdocs}"
Name: "{group}\{cm:UninstallProgram,HumanOps}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\HumanOps"; Filename: "{app}\humanops.exe"; Parameters: "app"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\humanops.exe"; Parameters: "app"; Description: "{cm:LaunchProgram,HumanOps}"; Flags: nowait postinstall skipifsilent
