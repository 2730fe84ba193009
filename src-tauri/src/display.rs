/// On Linux a window needs X11 or Wayland; without either GTK aborts with a long trace, so we
/// say it in one line first.
pub fn check() -> Result<(), &'static str> {
    let linux = cfg!(target_os = "linux");
    let has_display =
        std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some();
    if linux && !has_display {
        return Err(
            "hangar-app: no display (DISPLAY and WAYLAND_DISPLAY are unset); run it under a virtual one with `xvfb-run -a make run`",
        );
    }
    Ok(())
}
