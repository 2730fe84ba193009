//! What `down` asks before a prod teardown, and what it says after one: the items kept on
//! purpose, each with what it goes on costing.

use std::io::{BufRead, IsTerminal, Write};

use hangar_store::RetainedRecord;

/// Asks for the environment's name on the terminal; with no terminal, refuses and says how
/// to confirm from a script. The engine checks the answer against the name.
pub fn ask_prod_name(env: &str) -> Result<String, String> {
    if !std::io::stdin().is_terminal() {
        return Err(format!(
            "'{env}' is a prod environment: tearing it down needs its name confirmed. Run \
             `hangar down {env}` on a terminal and type the name, or pass \
             `--yes-destroy-prod {env}`. Its databases keep a final snapshot and its backup \
             buckets stay."
        ));
    }
    let mut stderr = std::io::stderr();
    let _ = write!(
        stderr,
        "'{env}' is a prod environment. Its databases keep a final snapshot and its backup \
         buckets stay; everything else is deleted.\nType the environment's name to tear it \
         down: "
    );
    let _ = stderr.flush();
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| format!("cannot read the confirmation: {e}"))?;
    let typed = line.trim().to_string();
    if typed == env {
        Ok(typed)
    } else {
        Err(format!("'{typed}' is not '{env}': nothing was torn down"))
    }
}

/// One line each, on stdout: kind, AWS id, size and the monthly estimate.
pub fn print_retained(retained: &[RetainedRecord]) {
    if retained.is_empty() {
        return;
    }
    outln!("kept on purpose (it outlives the environment and costs money until you delete it):");
    for r in retained {
        outln!(
            "  {:<12} {:<48} {:>8.2} GB  ~${:.2}/month",
            r.kind.label(),
            r.aws_id,
            r.size_gb,
            r.monthly_cost
        );
    }
    outln!("monthly costs are estimates from Hangar's price table, not a bill");
}
