//! History records as the Environments and History screens see them.

use std::collections::BTreeMap;

use hangar_engine::service::EnvironmentListing;
use hangar_ipc::{EnvironmentSummary, JobView, LogLine, ResourceView};
use hangar_store::{JobRecord, LogRecord, ResourceRecord};

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
        cost_per_hour: listing.cost_per_hour(),
        expires_at: env.expires_at.map(|at| at.to_string()),
        office_hours: env.office_hours.as_ref().map(ToString::to_string),
        cost_so_far: listing.cost_so_far,
    }
}

pub fn resource(record: ResourceRecord) -> ResourceView {
    ResourceView {
        logical: record.logical_name,
        kind: record.kind,
        aws_id: record.aws_id,
        state: record.state,
        drift: record.drift,
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
    fn unreadable_json_is_an_empty_map() {
        assert!(string_map("").is_empty());
        assert!(string_map("[1]").is_empty());
        assert_eq!(
            string_map(r#"{"db_endpoint":"db.example:5432"}"#)["db_endpoint"],
            "db.example:5432"
        );
    }
}
