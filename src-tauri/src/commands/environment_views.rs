//! History records as the Environments and History screens see them.

use std::collections::BTreeMap;

use hangar_engine::service::EnvironmentListing;
use hangar_ipc::{EnvironmentSummary, JobView, LogLine, ResourceView};
use hangar_store::{EnvironmentStatus, JobRecord, LogRecord, ResourceRecord};

/// AWS prices a month as 730 hours.
pub const HOURS_PER_MONTH: f64 = 730.0;

/// What the environment costs (or will cost) an hour: the plan's monthly estimate over 730
/// hours, and nothing once it is destroyed.
pub fn cost_per_hour(status: EnvironmentStatus, monthly_total: f64) -> f64 {
    match status {
        EnvironmentStatus::Destroyed => 0.0,
        EnvironmentStatus::New
        | EnvironmentStatus::Creating
        | EnvironmentStatus::Ready
        | EnvironmentStatus::Failed
        | EnvironmentStatus::Destroying
        | EnvironmentStatus::Interrupted
        | EnvironmentStatus::Drifted => round_cents_tenth(monthly_total / HOURS_PER_MONTH),
    }
}

/// To a tenth of a cent: the list shows `$0.058/h`, not fourteen digits.
fn round_cents_tenth(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}

pub fn summary(listing: &EnvironmentListing) -> EnvironmentSummary {
    let env = &listing.record;
    EnvironmentSummary {
        name: env.name.clone(),
        blueprint: env.blueprint.clone(),
        region: env.region.clone(),
        profile: env.profile.clone(),
        status: env.status,
        created_at: env.created_at.clone(),
        updated_at: env.updated_at.clone(),
        cost_per_hour: listing
            .monthly_cost
            .map(|monthly| cost_per_hour(env.status, monthly)),
    }
}

pub fn resource(record: ResourceRecord) -> ResourceView {
    ResourceView {
        logical: record.logical_name,
        kind: record.kind,
        aws_id: record.aws_id,
        state: record.state,
    }
}

pub fn job(record: JobRecord, environment: &str) -> JobView {
    JobView {
        id: record.id,
        environment: environment.to_string(),
        kind: record.kind,
        status: record.status,
        error: record.error,
        failures: record.failures,
        started_at: record.started_at,
        finished_at: record.finished_at,
    }
}

pub fn log_line(record: LogRecord) -> LogLine {
    LogLine {
        id: record.id,
        at: record.at,
        level: record.level,
        source: record.source,
        message: record.message,
    }
}

/// A JSON object of strings (parameters, outputs); empty when it is not one.
pub fn string_map(json: &str) -> BTreeMap<String, String> {
    serde_json::from_str(json).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cost_per_hour_is_the_monthly_estimate_over_730_hours() {
        assert_eq!(cost_per_hour(EnvironmentStatus::Ready, 73.0), 0.1);
        assert_eq!(cost_per_hour(EnvironmentStatus::Creating, 42.34), 0.058);
        assert_eq!(cost_per_hour(EnvironmentStatus::Failed, 0.0), 0.0);
    }

    #[test]
    fn nothing_costs_anything_once_it_is_gone() {
        assert_eq!(cost_per_hour(EnvironmentStatus::Destroyed, 500.0), 0.0);
        assert_eq!(cost_per_hour(EnvironmentStatus::New, 73.0), 0.1);
        assert_eq!(cost_per_hour(EnvironmentStatus::Interrupted, 730.0), 1.0);
    }

    #[test]
    fn unreadable_json_is_an_empty_map() {
        assert!(string_map("").is_empty());
        assert!(string_map("[1]").is_empty());
        assert_eq!(
            string_map(r#"{"db_endpoint":"db.example:5432"}"#)["db_endpoint"],
            "db.example:5432"
        );
    }
}
