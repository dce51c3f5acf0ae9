; Inno Setup 6 script for the one-folder PyInstaller bundle of CRM Desktop.
; NOT built or tested here (no Windows machine): written to the Inno Setup 6 documentation.
;
; On Windows, from the repository root:
;   1. build the bundle:   .venv\Scripts\python -m PyInstaller --noconfirm --clean
;                            --distpath dist --workpath build\pyinstaller
;                            packaging\pyinstaller\crm-desktop.spec
;   2. build the installer: iscc packaging\windows\crm-desktop.iss
; The installer lands in dist\installer\crm-desktop-<version>-setup.exe. It installs per user
; (no administrator rights) into %LOCALAPPDATA%\Programs\CRM Desktop; the data directory
; (platformdirs' user data dir) is never touched by install or uninstall.

#define AppName "CRM Desktop"
#define AppVersion "0.1.0"
#define AppExe "crm-desktop.exe"
#define Bundle "..\..\dist\crm-desktop"

[Setup]
; A fixed AppId keeps upgrades and the uninstaller tied to one product. Never change it.
AppId={{6F1C2D4E-8B3A-4C5D-9E7F-1A2B3C4D5E6F}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=CRM Desktop contributors
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist\installer
OutputBaseFilename=crm-desktop-{#AppVersion}-setup
SetupIconFile=crm-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
MinVersion=10.0

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "autostart"; Description: "Start {#AppName} when I sign in (for reminders)"; Flags: unchecked

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; Parameters: "gui"; IconFilename: "{app}\{#AppExe}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Parameters: "gui"; Tasks: desktopicon
Name: "{userstartup}\{#AppName}"; Filename: "{app}\{#AppExe}"; Parameters: "gui"; Tasks: autostart

[Run]
Filename: "{app}\{#AppExe}"; Parameters: "gui"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself may leave next to its files; never the user's data.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"
