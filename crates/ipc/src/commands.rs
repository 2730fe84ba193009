//! The commands' TypeScript map, `ui/src/lib/commands.ts`: what each Tauri command takes (by the
//! keys Tauri reads) and returns, from the signatures `#[hangar_ipc_macros::command]` records
//! beside each command. The UI's one `call` is typed by it, so a renamed command, argument or
//! return type fails its type check.

use std::collections::BTreeSet;

use ts_rs::Config;

/// A command as the window calls it. Made by `#[hangar_ipc_macros::command]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandSignature {
    /// The name `invoke` is given.
    pub name: &'static str,
    /// What the window sends, in declaration order; what Tauri injects is left out.
    pub args: Vec<CommandArg>,
    /// The TypeScript type of what a successful call resolves to (`void` for nothing).
    pub returns: String,
}

/// One argument the window sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandArg {
    /// The key Tauri reads it from (camelCase of the Rust name, unless the command renames).
    pub key: &'static str,
    /// Its TypeScript type.
    pub ts: String,
}

/// How the signatures name Rust types in TypeScript. IPC is JSON, so 64-bit integers (job ids,
/// request ids) arrive as numbers, as the IPC types already say with `#[ts(type = "number")]`.
pub fn commands_ts_config() -> Config {
    Config::new().with_large_int("number")
}

const HEADER: &str =
    "// Generated from the commands in src-tauri by `make bindings`. Do not edit by hand.\n";

/// Names the signatures may use that are TypeScript's own, not types from `./bindings`.
const BUILTIN: &[&str] = &[
    "string",
    "number",
    "boolean",
    "null",
    "void",
    "undefined",
    "bigint",
    "unknown",
    "never",
    "Array",
    "Record",
    "key",
    "in",
    "Channel",
];

/// The whole `ui/src/lib/commands.ts`: the `Commands` map, with the IPC types it names imported
/// from `./bindings` (a name that is not there fails the UI's type check).
pub fn typescript_commands(signatures: &[CommandSignature]) -> String {
    let mut body = String::new();
    let mut named = BTreeSet::new();
    for signature in signatures {
        body.push_str(&format!("  {}: {{\n", signature.name));
        if signature.args.is_empty() {
            body.push_str("    args: null;\n");
        } else {
            body.push_str("    args: {\n");
            for arg in &signature.args {
                body.push_str(&format!("      {}: {};\n", arg.key, arg.ts));
                named.extend(type_names(&arg.ts));
            }
            body.push_str("    };\n");
        }
        body.push_str(&format!("    returns: {};\n  }};\n", signature.returns));
        named.extend(type_names(&signature.returns));
    }

    let mut out = String::from(HEADER);
    out.push('\n');
    let channel = signatures
        .iter()
        .flat_map(|s| &s.args)
        .any(|a| a.ts.starts_with("Channel<"));
    if channel {
        out.push_str("import type { Channel } from '@tauri-apps/api/core';\n");
    }
    if !named.is_empty() {
        let names: Vec<&str> = named.into_iter().collect();
        out.push_str(&format!(
            "import type {{ {} }} from './bindings';\n",
            names.join(", ")
        ));
    }
    out.push_str(
        "\n/** Every command the window may call: the arguments it sends, under the keys Tauri \
         reads, and what it gets back. */\n",
    );
    out.push_str("export interface Commands {\n");
    out.push_str(&body);
    out.push_str("}\n");
    out
}

/// The IPC type names in a TypeScript type: every identifier that is not TypeScript's own.
fn type_names(ts: &str) -> impl Iterator<Item = &str> {
    ts.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|word| word.starts_with(|c: char| c.is_ascii_alphabetic()))
        .filter(|word| !BUILTIN.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arg(key: &'static str, ts: &str) -> CommandArg {
        CommandArg { key, ts: ts.into() }
    }

    #[test]
    fn the_map_imports_what_it_names() {
        let out = typescript_commands(&[
            CommandSignature {
                name: "app_info",
                args: vec![],
                returns: "AppInfo".into(),
            },
            CommandSignature {
                name: "run_job",
                args: vec![
                    arg("kind", "JobKind"),
                    arg("confirmName", "string | null"),
                    arg("onEvent", "Channel<Event>"),
                ],
                returns: "Array<JobView>".into(),
            },
        ]);
        assert!(out.contains("import type { Channel } from '@tauri-apps/api/core';\n"));
        assert!(
            out.contains("import type { AppInfo, Event, JobKind, JobView } from './bindings';\n")
        );
        assert!(out.contains("  app_info: {\n    args: null;\n    returns: AppInfo;\n  };\n"));
        assert!(out.contains("      confirmName: string | null;\n"));
    }

    #[test]
    fn large_integers_are_numbers() {
        let cfg = commands_ts_config();
        assert_eq!(<i64 as ts_rs::TS>::name(&cfg), "number");
        assert_eq!(<Option<u64> as ts_rs::TS>::name(&cfg), "number | null");
    }
}
