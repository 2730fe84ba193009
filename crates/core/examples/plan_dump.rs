//! Prints a built-in blueprint's plan with default parameters:
//! `cargo run -p hangar-core --example plan_dump -- web-and-postgres mermaid`
//! (modes: `mermaid`, `order`, `cost`, `user-data`, `json`).

use hangar_core::graph::NodeSpec;
use hangar_core::graph::spec::UserData;
use hangar_core::{Overrides, load_builtin, plan};

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
            for s in &p.steps {
                if let NodeSpec::Instance(i) = &s.spec {
                    let ud = match &i.user_data {
                        Some(UserData::Script(script)) => script.as_str(),
                        Some(UserData::Baked { .. }) | None => "",
                    };
                    println!("# {}\n{ud}", s.logical);
                }
            }
        }
        "json" => println!(
            "{}",
            serde_json::to_string_pretty(&p).unwrap_or_else(|e| panic!("{e}"))
        ),
        _ => println!("{}", p.order().join("\n")),
    }
}
