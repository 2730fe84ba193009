//! AWS's time, on a model: a NAT gateway, instance, database, load balancer or replication
//! group made through the proxy is described as pending until its modelled create duration
//! (hangar_core's `DurationModel`, scaled) has passed since the create call, and, once its
//! delete is called, as still going for its delete duration. moto makes and forgets everything
//! at once, so without this a benchmark measures calls and none of the waits that dominate a
//! real provision. The clock is a parameter, so the tests run on instants they choose.

use std::collections::HashMap;
use std::time::Instant;

use hangar_core::durations::{DurationModel, Modelled};

use super::errors::Reply;
use super::request::{Request, between, ids_in};
use super::{FaultStats, bump};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Creating,
    Deleting,
}

#[derive(Debug, Clone)]
struct Due {
    modelled: Modelled,
    phase: Phase,
    until: Instant,
    /// Every name the resource is asked for by (a load balancer: its name and its ARN).
    keys: Vec<String>,
}

#[derive(Default)]
pub(crate) struct Durations {
    due: HashMap<String, Due>,
}

impl Durations {
    /// A describe naming a resource whose delete has not yet run its course gets it as still
    /// going: moto has already forgotten it, so the answer is made here.
    pub(crate) fn before(
        &self,
        model: Option<&DurationModel>,
        req: &Request,
        now: Instant,
        stats: &FaultStats,
    ) -> Option<Reply> {
        model?;
        let (key, due) = self.naming(req, Phase::Deleting, now)?;
        let body = deleting_answer(due.modelled, key)?;
        (describes(due.modelled) == req.action).then(|| {
            bump(&stats.modelled_pending);
            Reply {
                status: 200,
                content_type: "text/xml",
                body,
                headers: Vec::new(),
            }
        })
    }

    pub(crate) fn after(
        &mut self,
        model: Option<&DurationModel>,
        req: &Request,
        body: &mut String,
        now: Instant,
        stats: &FaultStats,
    ) {
        let Some(model) = model else {
            return;
        };
        for (modelled, keys) in created(req, body) {
            let due = Due {
                modelled,
                phase: Phase::Creating,
                until: now + model.create(modelled),
                keys: keys.clone(),
            };
            for key in keys {
                self.due.insert(key, due.clone());
            }
        }
        for key in deleted(req) {
            let Some(due) = self.due.get(&key).cloned() else {
                continue;
            };
            let deleting = Due {
                phase: Phase::Deleting,
                until: now + model.delete(due.modelled),
                ..due
            };
            for key in &deleting.keys {
                self.due.insert(key.clone(), deleting.clone());
            }
        }
        if let Some((_, due)) = self.naming(req, Phase::Creating, now)
            && describes(due.modelled) == req.action
        {
            let rewritten = still_creating(due.modelled, body);
            if rewritten != *body {
                bump(&stats.modelled_pending);
                *body = rewritten;
            }
        }
    }

    /// The resource in `phase`, not yet due, that a request names.
    fn naming<'a>(
        &'a self,
        req: &'a Request,
        phase: Phase,
        now: Instant,
    ) -> Option<(&'a str, &'a Due)> {
        req.params.iter().find_map(|(_, v)| {
            self.due
                .get(v)
                .filter(|d| d.phase == phase && now < d.until)
                .map(|d| (v.as_str(), d))
        })
    }
}

/// The resources a create made, each with the names it is asked for by.
fn created(req: &Request, body: &str) -> Vec<(Modelled, Vec<String>)> {
    match req.action.as_str() {
        "CreateNatGateway" => ids_in(body, "nat-")
            .into_iter()
            .map(|id| (Modelled::NatGateway, vec![id]))
            .collect(),
        "RunInstances" => ids_in(body, "i-")
            .into_iter()
            .map(|id| (Modelled::Instance, vec![id]))
            .collect(),
        "CreateDBInstance" => {
            let modelled = if req.param("MultiAZ") == Some("true") {
                Modelled::RdsMultiAz
            } else {
                Modelled::RdsSingleAz
            };
            req.param("DBInstanceIdentifier")
                .map(|id| vec![(modelled, vec![id.to_string()])])
                .unwrap_or_default()
        }
        "CreateReplicationGroup" => req
            .param("ReplicationGroupId")
            .map(|id| vec![(Modelled::ReplicationGroup, vec![id.to_string()])])
            .unwrap_or_default(),
        "CreateLoadBalancer" => {
            let arn = between(body, "<LoadBalancerArn>", "</LoadBalancerArn>");
            arn.zip(req.param("Name"))
                .map(|(arn, name)| {
                    vec![(
                        Modelled::LoadBalancer,
                        vec![arn.to_string(), name.to_string()],
                    )]
                })
                .unwrap_or_default()
        }
        _ => Vec::new(),
    }
}

/// The names a delete call asks to delete.
fn deleted(req: &Request) -> Vec<String> {
    let param = match req.action.as_str() {
        "DeleteNatGateway" => "NatGatewayId",
        "DeleteDBInstance" => "DBInstanceIdentifier",
        "DeleteReplicationGroup" => "ReplicationGroupId",
        "DeleteLoadBalancer" => "LoadBalancerArn",
        "TerminateInstances" => {
            return req
                .values_starting("InstanceId.")
                .map(str::to_string)
                .collect();
        }
        _ => return Vec::new(),
    };
    req.param(param).map(str::to_string).into_iter().collect()
}

fn describes(m: Modelled) -> &'static str {
    match m {
        Modelled::NatGateway => "DescribeNatGateways",
        Modelled::Instance => "DescribeInstances",
        Modelled::RdsSingleAz | Modelled::RdsMultiAz => "DescribeDBInstances",
        Modelled::LoadBalancer => "DescribeLoadBalancers",
        Modelled::ReplicationGroup => "DescribeReplicationGroups",
    }
}

/// moto's answer, with the state AWS reports while it is still being made.
fn still_creating(m: Modelled, body: &str) -> String {
    match m {
        Modelled::NatGateway => body.replace("<state>available</state>", "<state>pending</state>"),
        Modelled::Instance => body
            .replace("<name>running</name>", "<name>pending</name>")
            .replace("<code>16</code>", "<code>0</code>"),
        Modelled::RdsSingleAz | Modelled::RdsMultiAz => body.replace(
            "<DBInstanceStatus>available</DBInstanceStatus>",
            "<DBInstanceStatus>creating</DBInstanceStatus>",
        ),
        Modelled::LoadBalancer => body.replace("<Code>active</Code>", "<Code>provisioning</Code>"),
        Modelled::ReplicationGroup => {
            body.replace("<Status>available</Status>", "<Status>creating</Status>")
        }
    }
}

/// The smallest answer the SDK reads as "still being deleted", in each service's shape.
fn deleting_answer(m: Modelled, key: &str) -> Option<String> {
    Some(match m {
        Modelled::NatGateway => format!(
            "<DescribeNatGatewaysResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>hangar-fault</requestId><natGatewaySet><item><natGatewayId>{key}</natGatewayId><state>deleting</state></item></natGatewaySet></DescribeNatGatewaysResponse>"
        ),
        Modelled::Instance => format!(
            "<DescribeInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>hangar-fault</requestId><reservationSet><item><instancesSet><item><instanceId>{key}</instanceId><instanceState><code>32</code><name>shutting-down</name></instanceState></item></instancesSet></item></reservationSet></DescribeInstancesResponse>"
        ),
        Modelled::RdsSingleAz | Modelled::RdsMultiAz => format!(
            "<DescribeDBInstancesResponse xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\"><DescribeDBInstancesResult><DBInstances><DBInstance><DBInstanceIdentifier>{key}</DBInstanceIdentifier><DBInstanceStatus>deleting</DBInstanceStatus></DBInstance></DBInstances></DescribeDBInstancesResult></DescribeDBInstancesResponse>"
        ),
        // AWS lists a load balancer being deleted as `active` until it is gone.
        Modelled::LoadBalancer => format!(
            "<DescribeLoadBalancersResponse xmlns=\"http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/\"><DescribeLoadBalancersResult><LoadBalancers><member><LoadBalancerArn>{key}</LoadBalancerArn><State><Code>active</Code></State></member></LoadBalancers></DescribeLoadBalancersResult></DescribeLoadBalancersResponse>"
        ),
        Modelled::ReplicationGroup => format!(
            "<DescribeReplicationGroupsResponse xmlns=\"http://elasticache.amazonaws.com/doc/2015-02-02/\"><DescribeReplicationGroupsResult><ReplicationGroups><ReplicationGroup><ReplicationGroupId>{key}</ReplicationGroupId><Status>deleting</Status></ReplicationGroup></ReplicationGroups></DescribeReplicationGroupsResult></DescribeReplicationGroupsResponse>"
        ),
    })
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn rds(action: &str) -> Request {
        Request {
            service: "rds".into(),
            ..Request::ec2(
                action,
                &[("DBInstanceIdentifier", "db-1"), ("MultiAZ", "true")],
            )
        }
    }

    #[test]
    fn a_database_is_creating_for_its_modelled_duration_then_available() {
        let model = DurationModel::scaled(0.001);
        let stats = FaultStats::default();
        let mut durations = Durations::default();
        let t0 = Instant::now();
        durations.after(
            Some(&model),
            &rds("CreateDBInstance"),
            &mut String::new(),
            t0,
            &stats,
        );
        let available = "<DBInstanceStatus>available</DBInstanceStatus>";
        let mut early = available.to_string();
        durations.after(
            Some(&model),
            &rds("DescribeDBInstances"),
            &mut early,
            t0,
            &stats,
        );
        assert!(early.contains("creating"), "{early}");
        // Multi-AZ: 1,200 s at scale 1, so 1.2 s at this scale.
        let late_enough = t0 + Duration::from_millis(1_200);
        let mut late = available.to_string();
        durations.after(
            Some(&model),
            &rds("DescribeDBInstances"),
            &mut late,
            late_enough,
            &stats,
        );
        assert_eq!(late, available);
        assert_eq!(FaultStats::get(&stats.modelled_pending), 1);
    }

    #[test]
    fn a_deleted_database_is_deleting_for_its_modelled_duration_then_gone() {
        let model = DurationModel::scaled(0.001);
        let stats = FaultStats::default();
        let mut durations = Durations::default();
        let t0 = Instant::now();
        durations.after(
            Some(&model),
            &rds("CreateDBInstance"),
            &mut String::new(),
            t0,
            &stats,
        );
        let t1 = t0 + Duration::from_secs(2);
        durations.after(
            Some(&model),
            &rds("DeleteDBInstance"),
            &mut String::new(),
            t1,
            &stats,
        );
        let reply = durations
            .before(Some(&model), &rds("DescribeDBInstances"), t1, &stats)
            .expect("still deleting");
        assert!(
            reply.body.contains("<DBInstanceStatus>deleting<"),
            "{}",
            reply.body
        );
        // 480 ms after the delete (Multi-AZ, 480 s at scale 1), moto's answer passes.
        let gone = t1 + Duration::from_millis(480);
        assert!(
            durations
                .before(Some(&model), &rds("DescribeDBInstances"), gone, &stats)
                .is_none()
        );
    }

    #[test]
    fn off_without_a_model() {
        let stats = FaultStats::default();
        let mut durations = Durations::default();
        let t0 = Instant::now();
        durations.after(
            None,
            &rds("CreateDBInstance"),
            &mut String::new(),
            t0,
            &stats,
        );
        let mut body = "<DBInstanceStatus>available</DBInstanceStatus>".to_string();
        durations.after(None, &rds("DescribeDBInstances"), &mut body, t0, &stats);
        assert!(body.contains("available"));
    }
}
