//! `hours`: when an environment runs. The reaper (`hangar reap`, and the app's timer) keeps
//! them; this only records them, on the engine's [`Service`](hangar_engine::service::Service)
//! as the window does.

use std::path::Path;

use hangar_core::office_hours::Edge;
use hangar_store::Store;
use jiff::Timestamp;

use crate::env::service;
use crate::env_args::HoursArgs;

pub fn set(store: Store, data_dir: &Path, args: HoursArgs, json: bool) -> Result<(), String> {
    let service = service(store, data_dir, 1)?;
    let hours = service
        .set_office_hours(&args.env, &args.hours.join(" "))
        .map_err(|e| e.to_string())?;
    let next = hours.as_ref().and_then(|h| h.next_edge(Timestamp::now()));
    if json {
        let value = serde_json::json!({
            "name": args.env,
            "officeHours": hours.as_ref().map(ToString::to_string),
            "nextChange": next.map(|(at, _)| at.to_string()),
        });
        outln!("{value}");
        return Ok(());
    }
    match (&hours, next) {
        (Some(hours), Some((at, edge))) => outln!(
            "{} runs {hours}; next it {} at {at}",
            args.env,
            match edge {
                Edge::Opens => "wakes",
                Edge::Closes => "pauses",
            }
        ),
        (Some(hours), None) => outln!("{} runs {hours}", args.env),
        (None, _) => outln!("{} runs always", args.env),
    }
    Ok(())
}
