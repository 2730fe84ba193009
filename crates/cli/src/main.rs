//! `hangar`: Hangar without the window. Every listing takes `--json` for scripts; errors are one
//! line on stderr and a non-zero exit.

/// `println!` for this crate (a `macro_rules!` defined here is in scope in every module
/// declared below it), except that a closed stdout, as in `hangar … | head`, ends the process
/// quietly with status 0 where `println!` would panic (Rust ignores SIGPIPE). See
/// [`output::write_line`].
macro_rules! outln {
    () => {
        $crate::output::write_line(format_args!(""))
    };
    ($($arg:tt)*) => {
        $crate::output::write_line(format_args!($($arg)*))
    };
}

mod args;
mod blueprint;
mod blueprint_source;
mod confirm;
mod env;
mod env_args;
mod env_list;
mod expiry;
mod mfa_prompt;
mod office_hours;
mod output;
mod plan;
mod power;
mod profile;
mod profile_add;
mod profile_import;
mod profile_test;
mod reap_timer;
mod secret;
mod secret_input;
mod table;
mod team;
mod users;
mod users_env;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    // `users check` works on a file alone: it needs no data directory, so `users` runs before the
    // store opens (import and export open it themselves).
    // So do `blueprint` and `plan`: they open the history only to find the user's own copies.
    match cli.command {
        Command::Users { command } => {
            return users::run(command, cli.global.data_dir, cli.global.json);
        }
        Command::Blueprint { command } => {
            return blueprint::run(command, cli.global.data_dir, cli.global.json);
        }
        Command::Plan(args) => return plan::run(args, cli.global.data_dir, cli.global.json),
        _ => {}
    }
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("hangar: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), String> {
    let data_dir =
        hangar_store::resolve_data_dir(cli.global.data_dir.clone()).map_err(|e| e.to_string())?;
    let store = hangar_store::Store::open_in(&data_dir).map_err(|e| e.to_string())?;
    match cli.command {
        Command::Profile { command } => profile::run(store, &data_dir, command, cli.global.json),
        Command::Up(args) => env::up(store, &data_dir, *args, cli.global.json),
        Command::Down(args) => env::down(store, &data_dir, args, cli.global.json),
        Command::Resume(args) => env::resume(store, &data_dir, args, cli.global.json),
        Command::Refresh(args) => env::refresh(store, &data_dir, args, cli.global.json),
        Command::Pause(args) => power::pause(store, &data_dir, args, cli.global.json),
        Command::Wake(args) => power::wake(store, &data_dir, args, cli.global.json),
        Command::List(args) if args.account => {
            team::list_account(store, &data_dir, args, cli.global.json)
        }
        Command::List(_) => env_list::list(store, &data_dir, cli.global.json),
        Command::Adopt(args) => team::adopt(store, &data_dir, args, cli.global.json),
        Command::Extend(args) => expiry::extend(store, &data_dir, args, cli.global.json),
        Command::Hours(args) => office_hours::set(store, &data_dir, args, cli.global.json),
        Command::Reap(args) => expiry::reap(store, &data_dir, args, cli.global.json),
        Command::Show { env } => env::show(&store, &env, cli.global.json),
        Command::Logs(args) => env::logs(&store, args),
        Command::Secret { env } => secret::show(store, &data_dir, &env, cli.global.json),
        Command::Users { .. } | Command::Blueprint { .. } | Command::Plan(_) => {
            unreachable!("dispatched before the store opens")
        }
    }
}
