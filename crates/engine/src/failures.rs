//! A job's failures as the history keeps them: the node, its kind and AWS's own code, so the
//! UI can put the reason on the node instead of parsing one joined line.

use hangar_core::graph::ResourceKind;
use hangar_resources::{ErrorKind, ResourceError};
use hangar_store::{JobFailure, StoreError};

/// A node AWS (or the engine, on its behalf) refused. The code is AWS's only when AWS
/// answered: a missing reference, a deadline or an unreachable endpoint is Hangar's own word.
pub(crate) fn node_failure(
    logical: &str,
    kind: Option<ResourceKind>,
    err: &ResourceError,
) -> JobFailure {
    let failure = JobFailure::node(logical, kind, err.to_string());
    if from_aws(err) {
        failure.with_aws_code(&err.code)
    } else {
        failure
    }
}

/// A failure of the job as a whole that an AWS call caused (a listing by tag, the final check).
pub(crate) fn call_failure(message: String, err: &ResourceError) -> JobFailure {
    let failure = JobFailure::job(message);
    if from_aws(err) {
        failure.with_aws_code(&err.code)
    } else {
        failure
    }
}

fn from_aws(err: &ResourceError) -> bool {
    match err.kind {
        ErrorKind::Missing | ErrorKind::Timeout => false,
        ErrorKind::NotFound
        | ErrorKind::DependencyViolation
        | ErrorKind::Throttled
        | ErrorKind::Invalid
        | ErrorKind::AccessDenied
        | ErrorKind::LimitExceeded
        | ErrorKind::Other => !matches!(err.code.as_str(), "Unknown" | "Unreachable" | "Timeout"),
    }
}

pub(crate) fn history_failure(err: &StoreError) -> JobFailure {
    JobFailure::job(format!("cannot read the history: {err}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aws_codes_are_kept_and_our_own_are_not() {
        let refused = ResourceError::new(
            ErrorKind::Other,
            "RunInstances",
            "InsufficientInstanceCapacity",
            "no capacity",
        );
        let failure = node_failure("instance.web", Some(ResourceKind::Instance), &refused);
        assert_eq!(
            failure.aws_code.as_deref(),
            Some("InsufficientInstanceCapacity")
        );
        assert_eq!(failure.node.as_deref(), Some("instance.web"));
        assert_eq!(
            failure.to_string(),
            "instance.web: RunInstances: InsufficientInstanceCapacity: no capacity"
        );

        let missing = ResourceError::missing("CreateRoute", "no NAT gateway id");
        assert_eq!(node_failure("route.a", None, &missing).aws_code, None);
        let unreachable = ResourceError::new(ErrorKind::Other, "CreateVpc", "Unreachable", "down");
        assert_eq!(node_failure("vpc.main", None, &unreachable).aws_code, None);
    }
}
