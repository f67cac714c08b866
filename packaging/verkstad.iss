; Inno Setup script for Verkstad on Windows: a per-user installer (no administrator rights)
; made from dist\verkstad\ (packaging\windows.spec). Build on Windows with Inno Setup 6:
;   iscc /DVersion=0.1.0 packaging\verkstad.iss      -> dist\verkstad-0.1.0-setup.exe
; Installs to %LOCALAPPDATA%\Programs\Verkstad, adds a Start-menu entry and associates .verkstad
; programme files with Verkstad (double-click offers to import the file). Uninstalling removes
; the program only: the user's databases, settings and logs live in %LOCALAPPDATA%\Verkstad
; (platformdirs), which this script never lists, so they stay.

#ifndef Version
  #define Version "0.1.0"
#endif

[Setup]
AppId={{7C3F5B1E-2B7A-4C55-9D7E-5E2B0A9C6F41}
AppName=Verkstad
AppVersion={#Version}
AppPublisher=The Verkstad team
DefaultDirName={autopf}\Verkstad
DefaultGroupName=Verkstad
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes
DisableProgramGroupPage=yes
OutputDir=..\dist
OutputBaseFilename=verkstad-{#Version}-setup
SetupIconFile=..\build\icons\verkstad.ico
UninstallDisplayIcon={app}\verkstad.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "da"; MessagesFile: "compiler:Languages\Danish.isl"
Name: "fi"; MessagesFile: "compiler:Languages\Finnish.isl"
Name: "nb"; MessagesFile: "compiler:Languages\Norwegian.isl"
Name: "sv"; MessagesFile: "compiler:Languages\Swedish.isl"

[Files]
Source: "..\dist\verkstad\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Verkstad"; Filename: "{app}\verkstad.exe"
Name: "{autodesktop}\Verkstad"; Filename: "{app}\verkstad.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Registry]
; HKA is HKCU for a per-user install: the file type is the user's, like the program.
Root: HKA; Subkey: "Software\Classes\.verkstad"; ValueType: string; ValueName: ""; ValueData: "Verkstad.Programme"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.verkstad"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-verkstad-programme"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Verkstad.Programme"; ValueType: string; ValueName: ""; ValueData: "Verkstad programme"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Verkstad.Programme\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\verkstad.exe,0"
Root: HKA; Subkey: "Software\Classes\Verkstad.Programme\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\verkstad.exe"" ""%1"""

[Run]
Filename: "{app}\verkstad.exe"; Description: "{cm:LaunchProgram,Verkstad}"; Flags: nowait postinstall skipifsilent
