//! Prints a built-in blueprint's plan with default parameters:
//! `cargo run -p hangar-core --example plan_dump -- web-and-postgres mermaid`
//! (modes: `mermaid`, `order`, `cost`, `user-data`, `json`).

use hangar_core::{Overrides, ResourceKind, load_builtin, plan};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let name = args
        .get(1)
        .map(String::as_str)
        .unwrap_or("web-and-postgres");
    let mode = args.get(2).map(String::as_str).unwrap_or("order");
    let bp = load_builtin(name).unwrap_or_else(|e| panic!("{e}"));
    let p = plan(&bp, &Overrides::new()).unwrap_or_else(|e| panic!("{e}"));
    match mode {
        "mermaid" => println!("{}", p.diagram.to_mermaid()),
        "cost" => {
            for l in &p.cost.lines {
                println!("{:>9.2}  {}  {}", l.monthly, l.logical, l.item);
            }
            println!("{:>9.2}  total ({})", p.cost.monthly_total, p.cost.source);
        }
        "user-data" => {
            for s in p.steps.iter().filter(|s| s.kind == ResourceKind::Instance) {
                let ud = s.properties.get("user_data").and_then(|u| u.as_str());
                println!("# {}\n{}", s.logical, ud.unwrap_or(""));
            }
        }
        "json" => println!(
            "{}",
            serde_json::to_string_pretty(&p).unwrap_or_else(|e| panic!("{e}"))
        ),
        _ => println!("{}", p.order().join("\n")),
    }
}
