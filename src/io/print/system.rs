//! Handing a PDF to the operating system: its PDF viewer, or its default printer (`lp`
//! on Linux and macOS, the shell's print verb on Windows), with plain messages when
//! neither is set up.

use std::path::Path;
use std::process::Command;

use crate::strings;

/// Opens a PDF in the system's viewer.
pub fn open_viewer(path: &Path) -> Result<(), String> {
    let status = if cfg!(windows) {
        Command::new("cmd")
            .args(["/C", "start", ""])
            .arg(path)
            .status()
    } else if cfg!(target_os = "macos") {
        Command::new("open").arg(path).status()
    } else {
        Command::new("xdg-open").arg(path).status()
    };
    match status {
        Ok(s) if s.success() => Ok(()),
        _ => Err(strings::no_viewer(&path.display().to_string())),
    }
}

/// Sends a PDF to the default printer.
pub fn send_to_printer(path: &Path) -> Result<(), String> {
    if cfg!(windows) {
        let mut c = Command::new("powershell");
        c.args([
            "-NoProfile",
            "-Command",
            "Start-Process -Verb Print -FilePath",
        ]);
        print_with(c, path)
    } else {
        print_with(Command::new("lp"), path)
    }
}

/// Runs `command` with the PDF as its last argument: a command that cannot be found
/// means no printer is set up; one that fails passes on what it said.
pub fn print_with(mut command: Command, path: &Path) -> Result<(), String> {
    match command.arg(path).output() {
        Ok(o) if o.status.success() => Ok(()),
        Ok(o) => {
            let said = String::from_utf8_lossy(&o.stderr);
            let said = said.trim();
            let said = if said.is_empty() {
                String::from_utf8_lossy(&o.stdout).trim().to_string()
            } else {
                said.to_string()
            };
            Err(strings::printer_refused(
                said.lines().next().unwrap_or(""),
                &path.display().to_string(),
            ))
        }
        Err(_) => Err(strings::no_printer(&path.display().to_string())),
    }
}
