//! `hangar reap --install-timer`: a systemd user timer that runs the reaper every 15 minutes,
//! so an expired environment is torn down even when the app is closed.

use std::path::{Path, PathBuf};
use std::process::Command;

const SERVICE: &str = "hangar-reap.service";
const TIMER: &str = "hangar-reap.timer";

pub fn install(data_dir: &Path) -> Result<(), String> {
    let exe = std::env::current_exe()
        .map_err(|e| format!("cannot find the hangar binary to run: {e}"))?;
    let dir = unit_dir()?;
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for (name, text) in [
        (SERVICE, service_unit(&exe, data_dir)),
        (TIMER, timer_unit()),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        outln!("wrote {}", path.display());
    }
    systemctl(&["--user", "daemon-reload"])?;
    systemctl(&["--user", "enable", "--now", TIMER])?;
    outln!("enabled {TIMER}: `systemctl --user list-timers {TIMER}` shows when it runs next");
    Ok(())
}

/// `$XDG_CONFIG_HOME/systemd/user`, else `~/.config/systemd/user`.
fn unit_dir() -> Result<PathBuf, String> {
    let base = directories::BaseDirs::new()
        .ok_or("cannot find the home directory to put the systemd user units in")?;
    Ok(base.config_dir().join("systemd").join("user"))
}

fn systemctl(args: &[&str]) -> Result<(), String> {
    let line = format!("systemctl {}", args.join(" "));
    let status = Command::new("systemctl").args(args).status().map_err(|e| {
        format!("the units are written, but `{line}` could not run ({e}): run it in your session")
    })?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "the units are written, but `{line}` failed ({status}): run it in your session"
        ))
    }
}

fn service_unit(exe: &Path, data_dir: &Path) -> String {
    format!(
        "[Unit]\n\
         Description=Hangar: tear down expired environments\n\
         \n\
         [Service]\n\
         Type=oneshot\n\
         ExecStart={} --data-dir {} reap\n",
        quoted(exe),
        quoted(data_dir)
    )
}

fn timer_unit() -> String {
    "[Unit]\n\
     Description=Run hangar reap every 15 minutes\n\
     \n\
     [Timer]\n\
     OnCalendar=*:0/15\n\
     Persistent=true\n\
     \n\
     [Install]\n\
     WantedBy=timers.target\n"
        .to_string()
}

/// A path as one word of a unit's command line: in double quotes, with `\` and `"` escaped
/// and `%` doubled (systemd reads `%x` as a specifier).
fn quoted(path: &Path) -> String {
    let text = path.to_string_lossy();
    let escaped = text
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('%', "%%");
    format!("\"{escaped}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_with_spaces_quotes_and_percents_stay_one_word() {
        let unit = service_unit(
            Path::new("/opt/my apps/hangar"),
            Path::new("/data/50%\"x\""),
        );
        assert!(
            unit.contains(r#"ExecStart="/opt/my apps/hangar" --data-dir "/data/50%%\"x\"" reap"#),
            "{unit}"
        );
    }
}
