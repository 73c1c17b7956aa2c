; Inno Setup 6 script: a Chinese (and English) installer for the PyInstaller folder.
; Built on Windows only, after `pyinstaller --noconfirm packaging\dutydesk.spec`; see
; packaging\windows\README.md. Not built or tested by CI.

#define AppName "值班台 DutyDesk"
#define AppVersion "0.1.0"
#define AppExe "dutydesk.exe"
#define Root2 "..\.."

[Setup]
; A fixed AppId ties upgrades and the uninstaller to this application; never change it.
AppId={{6F1C2E0A-3B7D-4C59-9E4A-2D6B8F0C1A7E}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=DutyDesk
DefaultDirName={autopf}\DutyDesk
DefaultGroupName=值班台
DisableProgramGroupPage=yes
OutputDir={#Root2}\dist
OutputBaseFilename=dutydesk-{#AppVersion}-setup
SetupIconFile={#Root2}\packaging\windows\dutydesk.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; The database lives in the user's data folder (%LOCALAPPDATA%\DutyDesk), never under
; Program Files, so installing for all users needs no write access there later.
PrivilegesRequiredOverridesAllowed=dialog
ShowLanguageDialog=auto

[Languages]
; ChineseSimplified.isl comes with the Inno Setup translations; copy it into Inno Setup's
; Languages folder if your copy lacks it (README.md beside this file).
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesesimplified.DesktopIcon=创建桌面快捷方式
english.DesktopIcon=Create a desktop shortcut
chinesesimplified.LaunchNow=立即启动值班台
english.LaunchNow=Start DutyDesk now

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; Flags: unchecked

[Files]
Source: "{#Root2}\dist\dutydesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; Parameters: "gui"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Parameters: "gui"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Parameters: "gui"; Description: "{cm:LaunchNow}"; Flags: nowait postinstall skipifsilent

; The uninstaller removes the program folder only: the duty room's database and its
; backups in %LOCALAPPDATA%\DutyDesk stay, as an audit record must.
