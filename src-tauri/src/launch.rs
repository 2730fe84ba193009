use std::path::PathBuf;

/// The app's own command line: only what the shell needs before the window opens.
#[derive(Debug, Default)]
pub struct Options {
    pub data_dir: Option<PathBuf>,
    /// Files readable by the users import from the start, as if dropped on the window: for the
    /// desktop tests, which cannot make an OS drop. Whoever starts the process chooses them,
    /// never the page.
    pub grant_read: Vec<PathBuf>,
}

impl Options {
    pub fn from_args(args: impl Iterator<Item = String>) -> Result<Self, String> {
        let mut options = Self::default();
        let mut args = args.peekable();
        while let Some(arg) = args.next() {
            if let Some(dir) = arg.strip_prefix("--data-dir=") {
                options.data_dir = Some(dir.into());
            } else if arg == "--data-dir" {
                let dir = args.next().ok_or("--data-dir needs a directory")?;
                options.data_dir = Some(dir.into());
            } else if arg == "--grant-read" {
                let file = args.next().ok_or("--grant-read needs a file")?;
                options.grant_read.push(file.into());
            } else {
                return Err(format!(
                    "unknown argument {arg:?} (expected --data-dir DIR or --grant-read FILE)"
                ));
            }
        }
        Ok(options)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Options, String> {
        Options::from_args(args.iter().map(|a| a.to_string()))
    }

    #[test]
    fn data_dir_in_both_spellings() {
        assert_eq!(
            parse(&["--data-dir", "/a"]).expect("ok").data_dir,
            Some("/a".into())
        );
        assert_eq!(
            parse(&["--data-dir=/b"]).expect("ok").data_dir,
            Some("/b".into())
        );
        assert_eq!(parse(&[]).expect("ok").data_dir, None);
    }

    #[test]
    fn files_granted_at_launch() {
        let options = parse(&["--grant-read", "/a.csv", "--grant-read", "/b.csv"]).expect("ok");
        assert_eq!(
            options.grant_read,
            [PathBuf::from("/a.csv"), "/b.csv".into()]
        );
        assert!(parse(&["--grant-read"]).is_err());
    }

    #[test]
    fn unknown_or_incomplete_arguments_are_refused() {
        assert!(
            parse(&["--data-dir"])
                .expect_err("missing")
                .contains("needs a directory")
        );
        assert!(
            parse(&["--frobnicate"])
                .expect_err("unknown")
                .contains("--frobnicate")
        );
    }
}
