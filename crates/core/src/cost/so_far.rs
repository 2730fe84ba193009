//! What an environment has cost so far: each resource's hourly price (its lines of the
//! estimate over AWS's 730-hour month) times the hours it existed, from the spans the history
//! keeps. Like the estimate, it counts what runs by the hour and leaves out usage (requests,
//! data transferred, storage written), so it is a floor, said as such where it is shown.

use std::collections::HashMap;

use jiff::Timestamp;

use super::CostLine;
use super::prices::HOURS_PER_MONTH;

/// One stretch of time a resource existed: from when it turned ready to when it was deleted or
/// found missing; still open while it exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceSpan {
    pub logical: String,
    pub started_at: Timestamp,
    pub ended_at: Option<Timestamp>,
}

/// Dollars spent by the resources of `lines` over `spans`, an open span counted up to `now`.
/// A span of a resource the estimate does not price (a VPC, a route) costs nothing.
pub fn so_far(lines: &[CostLine], spans: &[ResourceSpan], now: Timestamp) -> f64 {
    let mut hourly: HashMap<&str, f64> = HashMap::new();
    for line in lines {
        *hourly.entry(line.logical.as_str()).or_default() += line.monthly / HOURS_PER_MONTH;
    }
    spans
        .iter()
        .filter_map(|span| {
            let price = hourly.get(span.logical.as_str())?;
            let end = span.ended_at.unwrap_or(now);
            let seconds = end.duration_since(span.started_at).as_secs_f64().max(0.0);
            Some(price * seconds / 3600.0)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::ResourceKind as K;

    fn line(logical: &str, kind: K, monthly: f64) -> CostLine {
        CostLine {
            logical: logical.into(),
            kind,
            item: String::new(),
            quantity: 1.0,
            unit: String::new(),
            unit_price: monthly,
            monthly,
        }
    }

    fn span(logical: &str, from: &str, to: Option<&str>) -> ResourceSpan {
        ResourceSpan {
            logical: logical.into(),
            started_at: from.parse().expect("timestamp"),
            ended_at: to.map(|t| t.parse().expect("timestamp")),
        }
    }

    /// A t3.large ($0.0832/h) and its 30 GB gp3 volume ($2.40/month) lived 10 hours; the NAT
    /// gateway ($0.045/h) lived 3 h 30 min, was found missing, was made again and has lived
    /// 30 minutes more by now; the VPC costs nothing. 0.832 + 0.0329 + 0.18 = $1.0449.
    #[test]
    fn a_known_history_costs_what_its_hours_say_to_the_cent() {
        let lines = [
            line("instance.app", K::Instance, 0.0832 * HOURS_PER_MONTH),
            line("instance.app", K::Instance, 2.40),
            line("nat_gateway.a", K::NatGateway, 0.045 * HOURS_PER_MONTH),
        ];
        let spans = [
            span(
                "instance.app",
                "2026-11-30T00:00:00Z",
                Some("2026-11-30T10:00:00Z"),
            ),
            span(
                "nat_gateway.a",
                "2026-11-30T00:00:00Z",
                Some("2026-11-30T03:30:00Z"),
            ),
            span("nat_gateway.a", "2026-11-30T09:30:00Z", None),
            span("vpc.main", "2026-11-30T00:00:00Z", None),
        ];
        let now: Timestamp = "2026-11-30T10:00:00Z".parse().expect("now");
        let spent = so_far(&lines, &spans, now);
        let expected = 0.0832 * 10.0 + 2.40 / HOURS_PER_MONTH * 10.0 + 0.045 * 4.0;
        assert!((spent - expected).abs() < 1e-9, "{spent} != {expected}");
        assert_eq!(format!("{spent:.2}"), "1.04");
        assert_eq!((spent * 10_000.0).round() / 10_000.0, 1.0449);
    }

    #[test]
    fn nothing_existed_nothing_spent_and_a_closed_history_stops_counting() {
        let lines = [line("instance.app", K::Instance, 73.0)];
        let now: Timestamp = "2026-12-01T00:00:00Z".parse().expect("now");
        assert_eq!(so_far(&lines, &[], now), 0.0);
        let closed = [span(
            "instance.app",
            "2026-11-30T00:00:00Z",
            Some("2026-11-30T01:00:00Z"),
        )];
        let later: Timestamp = "2026-12-30T00:00:00Z".parse().expect("later");
        assert_eq!(so_far(&lines, &closed, now), so_far(&lines, &closed, later));
        assert!((so_far(&lines, &closed, now) - 0.1).abs() < 1e-12);
    }
}
