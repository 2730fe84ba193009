use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "hangar",
    version,
    about = "Stand up and tear down AWS environments from blueprints"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Where the history database lives (default: the platform's data directory).
    #[arg(long, global = true, env = "HANGAR_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Print machine-readable JSON instead of a table.
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// AWS profiles: credentials live in the OS keychain, the rest in the history.
    Profile {
        #[command(subcommand)]
        command: ProfileCommand,
    },
    /// Users CSV: check a file before its users are baked into the servers.
    Users {
        #[command(subcommand)]
        command: UsersCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// Check every row of a users CSV. Exits 0 when every row is valid, 1 when some are not
    /// (each problem listed), 2 when the file cannot be read as a users CSV at all.
    Check {
        /// The CSV: UTF-8 (with or without BOM), UTF-16 with BOM, or Latin-1; `,` `;` or tab.
        file: PathBuf,
        /// The allowed roles, comma-separated.
        #[arg(long, value_delimiter = ',', default_value = "admin,developer,viewer")]
        roles: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// List the profiles, the default first.
    List,
}
