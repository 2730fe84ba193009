//! EC2 refuses user data over 16 KiB (before base64); moto takes any size.

use base64::Engine as _;

use super::errors::{self, Reply};
use super::request::Request;
use super::{FaultPlan, FaultStats, bump};

const LIMIT: usize = 16_384;

pub(crate) fn before(plan: &FaultPlan, req: &Request, stats: &FaultStats) -> Option<Reply> {
    if !plan.enforce_user_data_limit || req.action != "RunInstances" {
        return None;
    }
    let size = req
        .param("UserData")
        .and_then(|b64| base64::engine::general_purpose::STANDARD.decode(b64).ok())
        .map_or(0, |raw| raw.len());
    if size <= LIMIT {
        return None;
    }
    bump(&stats.user_data_refused);
    Some(errors::ec2(
        400,
        "InvalidParameterValue",
        &format!("User data is limited to {LIMIT} bytes; this is {size}"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_data_over_16_kib_is_refused() {
        let plan = FaultPlan {
            enforce_user_data_limit: true,
            ..FaultPlan::default()
        };
        let stats = FaultStats::default();
        let encode = |n| base64::engine::general_purpose::STANDARD.encode(vec![b'x'; n]);
        let (big, ok) = (encode(LIMIT + 1), encode(LIMIT));
        let run = |data: &str| Request::ec2("RunInstances", &[("UserData", data)]);
        assert!(before(&plan, &run(&big), &stats).is_some());
        assert!(before(&plan, &run(&ok), &stats).is_none());
        assert_eq!(FaultStats::get(&stats.user_data_refused), 1);
    }
}
