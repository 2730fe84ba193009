//! An instance type is not offered in every zone (DescribeInstanceTypeOfferings); moto offers
//! all of them everywhere. The plan can hide (zone, type) pairs from the answer.

use super::request::Request;
use super::{FaultPlan, FaultStats};

pub(crate) fn after(plan: &FaultPlan, req: &Request, body: &mut String, stats: &FaultStats) {
    if req.action == "DescribeInstanceTypeOfferings" && !plan.hidden_offerings.is_empty() {
        let hidden = hide_offerings(body, &plan.hidden_offerings);
        stats
            .offerings_hidden
            .fetch_add(hidden, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Drops each `<item>` of an offerings answer whose location and type are hidden; how many.
fn hide_offerings(body: &mut String, hidden: &[(String, String)]) -> u64 {
    let mut kept = String::with_capacity(body.len());
    let mut dropped = 0;
    let mut rest = body.as_str();
    while let Some(start) = rest.find("<item>") {
        let Some(len) = rest[start..].find("</item>") else {
            break;
        };
        let end = start + len + "</item>".len();
        let item = &rest[start..end];
        let field = |tag: &str| {
            item.split(&format!("<{tag}>"))
                .nth(1)
                .and_then(|v| v.split(&format!("</{tag}>")).next())
                .unwrap_or_default()
                .to_string()
        };
        let (zone, kind) = (field("location"), field("instanceType"));
        kept.push_str(&rest[..start]);
        if hidden.iter().any(|(z, t)| *z == zone && *t == kind) {
            dropped += 1;
        } else {
            kept.push_str(item);
        }
        rest = &rest[end..];
    }
    kept.push_str(rest);
    *body = kept;
    dropped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_hidden_pair_is_dropped() {
        let mut body = "<set>\
            <item><instanceType>t3.micro</instanceType><location>us-east-1a</location></item>\
            <item><instanceType>t3.micro</instanceType><location>us-east-1b</location></item>\
            </set>"
            .to_string();
        let hidden = [("us-east-1b".to_string(), "t3.micro".to_string())];
        assert_eq!(hide_offerings(&mut body, &hidden), 1);
        assert!(
            body.contains("us-east-1a") && !body.contains("us-east-1b"),
            "{body}"
        );
    }
}
