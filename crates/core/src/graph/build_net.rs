//! VPC, subnets, gateways, route tables, endpoints and flow logs.

use std::collections::BTreeMap;

use super::ResourceKind;
use super::ResourceNode as N;
use super::spec::{
    EipSpec, EndpointKind, FlowLogDestination, FlowLogSpec, IamRoleSpec, InlinePolicy,
    InternetGatewaySpec, LogGroupSpec, NatGatewaySpec, RouteSpec, RouteTableAssociationSpec,
    RouteTableSpec, RouteTarget, SubnetSpec, VpcEndpointSpec, VpcSpec, i32_of,
};
use crate::blueprint::schema::{EndpointType, NatMode, Network, Spec, TierKind};
use crate::validate::limits;

pub(super) const VPC: &str = "vpc.main";
const IGW: &str = "internet_gateway.main";

pub(super) struct TierInfo {
    pub kind: TierKind,
    /// Subnet logical names, one per AZ in AZ order.
    pub subnets: Vec<String>,
    pub route_tables: Vec<String>,
    /// The default route each AZ's subnets use to reach the internet, when they have one.
    pub routes: Vec<Option<String>>,
}

#[derive(Default)]
pub(super) struct NetInfo {
    pub present: bool,
    pub azs: Vec<String>,
    pub tiers: BTreeMap<String, TierInfo>,
    pub igw: Option<String>,
}

impl NetInfo {
    /// The VPC a resource goes in: this environment's, or (`None`) the region's default.
    pub fn vpc_ref(&self) -> Option<String> {
        self.present.then(|| VPC.to_string())
    }

    pub fn tier(&self, name: &str) -> Option<&TierInfo> {
        self.tiers.get(name)
    }
}

fn letter(az: &str) -> String {
    az.chars().last().map(String::from).unwrap_or_default()
}

pub(super) fn build_network(spec: &Spec, nodes: &mut Vec<N>) -> NetInfo {
    let Some(net) = &spec.network else {
        return NetInfo::default();
    };
    let az_count = usize::try_from(net.az_count).unwrap_or(0);
    let azs: Vec<String> = (0..az_count)
        .map(|i| limits::az_name(&spec.region, i))
        .collect();
    nodes.push(N::new(
        "main",
        VpcSpec {
            cidr_block: net.vpc_cidr.clone(),
            enable_dns_hostnames: net.dns_hostnames,
            enable_dns_support: net.dns_support,
        },
        "network",
    ));
    let has_public = net.tiers.iter().any(|t| t.kind == TierKind::Public);
    let igw = has_public.then(|| {
        nodes.push(
            N::new(
                "main",
                InternetGatewaySpec {
                    vpc: VPC.to_string(),
                },
                "network",
            )
            .dep(VPC),
        );
        IGW.to_string()
    });
    let mut info = NetInfo {
        present: true,
        azs: azs.clone(),
        tiers: BTreeMap::new(),
        igw,
    };
    for (ti, tier) in net.tiers.iter().enumerate() {
        let mut subnets = Vec::new();
        for (i, az) in azs.iter().enumerate() {
            let Some(s) = tier.subnets.get(i) else {
                continue;
            };
            let name = format!("{}-{}", tier.name, letter(az));
            let mut n = N::new(
                &name,
                SubnetSpec {
                    vpc: VPC.to_string(),
                    cidr_block: s.cidr.clone(),
                    availability_zone: az.clone(),
                    tier: tier.name.clone(),
                    map_public_ip_on_launch: tier.kind == TierKind::Public,
                    name: s.name.clone(),
                },
                format!("network.tiers[{ti}].subnets[{i}]"),
            )
            .dep(VPC);
            n.az = Some(az.clone());
            subnets.push(n.logical.clone());
            nodes.push(n);
        }
        info.tiers.insert(
            tier.name.clone(),
            TierInfo {
                kind: tier.kind,
                subnets,
                route_tables: Vec::new(),
                routes: Vec::new(),
            },
        );
    }
    let nats = build_nats(net, &azs, &info, nodes);
    for (ti, tier) in net.tiers.iter().enumerate() {
        build_routes(ti, &tier.name, net.nat, &azs, &nats, &mut info, nodes);
    }
    build_endpoints(spec, net, &info, nodes);
    build_flow_logs(net, nodes);
    info
}

/// NAT gateways in the first public tier: one in the first AZ, or one per AZ.
fn build_nats(net: &Network, azs: &[String], info: &NetInfo, nodes: &mut Vec<N>) -> Vec<String> {
    let Some(public) = net.tiers.iter().find(|t| t.kind == TierKind::Public) else {
        return Vec::new();
    };
    let Some(pt) = info.tier(&public.name) else {
        return Vec::new();
    };
    let count = match net.nat {
        NatMode::None => 0,
        NatMode::Single => 1,
        NatMode::PerAz => azs.len(),
    };
    let mut out = Vec::new();
    for (i, az) in azs.iter().enumerate().take(count) {
        let Some(subnet) = pt.subnets.get(i) else {
            continue;
        };
        let l = letter(az);
        let eip = N::new(
            &format!("nat-{l}"),
            EipSpec { instance: None },
            "network.nat",
        );
        let mut nat = N::new(
            &l,
            NatGatewaySpec {
                subnet: subnet.clone(),
                allocation: eip.logical.clone(),
            },
            "network.nat",
        )
        .dep(subnet.clone())
        .dep(eip.logical.clone())
        .deps(info.igw.clone());
        nat.az = Some(az.clone());
        nat.subnet = Some(subnet.clone());
        out.push(nat.logical.clone());
        nodes.push(eip);
        nodes.push(nat);
    }
    out
}

fn build_routes(
    ti: usize,
    tier: &str,
    nat: NatMode,
    azs: &[String],
    nats: &[String],
    info: &mut NetInfo,
    nodes: &mut Vec<N>,
) {
    let igw = info.igw.clone();
    let Some(t) = info.tiers.get_mut(tier) else {
        return;
    };
    let src = format!("network.tiers[{ti}]");
    // Per-AZ NAT needs a route table per AZ so each points at its own gateway.
    let per_az = t.kind == TierKind::Private && nat == NatMode::PerAz;
    let tables: Vec<String> = if per_az {
        azs.iter()
            .map(|az| format!("{tier}-{}", letter(az)))
            .collect()
    } else {
        vec![tier.to_string()]
    };
    for (i, name) in tables.iter().enumerate() {
        let rt = N::new(
            name,
            RouteTableSpec {
                vpc: VPC.to_string(),
            },
            &src,
        )
        .dep(VPC);
        let rt_logical = rt.logical.clone();
        nodes.push(rt);
        let target = match t.kind {
            TierKind::Public => igw.clone().map(RouteTarget::Gateway),
            TierKind::Private => nats
                .get(if per_az { i } else { 0 })
                .cloned()
                .map(RouteTarget::NatGateway),
            TierKind::Isolated => None,
        };
        let route = target.map(|target| {
            let (RouteTarget::Gateway(to) | RouteTarget::NatGateway(to)) = target.clone();
            let r = N::new(
                &format!("{name}-default"),
                RouteSpec {
                    route_table: rt_logical.clone(),
                    destination_cidr_block: "0.0.0.0/0".to_string(),
                    target,
                },
                &src,
            )
            .dep(rt_logical.clone())
            .dep(to);
            let l = r.logical.clone();
            nodes.push(r);
            l
        });
        t.route_tables.push(rt_logical);
        t.routes.push(route);
    }
    for (i, subnet) in t.subnets.iter().enumerate() {
        let k = if per_az { i } else { 0 };
        let Some(rt) = t.route_tables.get(k) else {
            continue;
        };
        let az = azs.get(i).map(|a| letter(a)).unwrap_or_default();
        nodes.push(
            N::new(
                &format!("{tier}-{az}"),
                RouteTableAssociationSpec {
                    route_table: rt.clone(),
                    subnet: subnet.clone(),
                },
                &src,
            )
            .dep(rt.clone())
            .dep(subnet.clone()),
        );
    }
    if !per_az {
        let (rt, route) = (t.route_tables.clone(), t.routes.clone());
        t.route_tables = vec![rt[0].clone(); t.subnets.len().max(1)];
        t.routes = vec![route[0].clone(); t.subnets.len().max(1)];
    }
}

fn build_endpoints(spec: &Spec, net: &Network, info: &NetInfo, nodes: &mut Vec<N>) {
    for (ei, ep) in net.endpoints.iter().enumerate().filter(|(_, e)| e.enabled) {
        let src = format!("network.endpoints[{ei}]");
        let (endpoint, deps) = match ep.kind {
            EndpointType::Gateway => {
                let mut tables: Vec<String> = ep
                    .tiers
                    .iter()
                    .filter_map(|t| info.tier(t))
                    .flat_map(|t| t.route_tables.iter().cloned())
                    .collect();
                tables.dedup();
                (
                    EndpointKind::Gateway {
                        route_tables: tables.clone(),
                    },
                    tables,
                )
            }
            EndpointType::Interface => {
                let subnets: Vec<String> = ep
                    .tiers
                    .iter()
                    .filter_map(|t| info.tier(t))
                    .flat_map(|t| t.subnets.iter().cloned())
                    .collect();
                let groups: Vec<String> = ep
                    .security_groups
                    .iter()
                    .map(|g| format!("security_group.{g}"))
                    .collect();
                let deps = subnets.iter().chain(&groups).cloned().collect();
                (
                    EndpointKind::Interface {
                        subnets,
                        security_groups: groups,
                        private_dns_enabled: ep.private_dns,
                    },
                    deps,
                )
            }
        };
        nodes.push(
            N::new(
                &ep.service.replace('.', "-"),
                VpcEndpointSpec {
                    vpc: VPC.to_string(),
                    service_name: format!("com.amazonaws.{}.{}", spec.region, ep.service),
                    endpoint,
                },
                src,
            )
            .dep(VPC)
            .deps(deps),
        );
    }
}

fn build_flow_logs(net: &Network, nodes: &mut Vec<N>) {
    let Some(fl) = net.flow_logs.as_ref().filter(|f| f.enabled) else {
        return;
    };
    let src = "network.flow_logs";
    let group = N::new(
        "flow-logs",
        LogGroupSpec {
            log_group_name: fl.log_group.clone(),
            retention_in_days: Some(i32_of(fl.retention_days)),
        },
        src,
    );
    let role = N::new(
        "flow-logs",
        IamRoleSpec {
            role_name: fl.role_name.clone(),
            trust_service: "vpc-flow-logs.amazonaws.com".to_string(),
            managed_policies: Vec::new(),
            inline_policies: vec![InlinePolicy {
                name: "flow-logs-delivery".to_string(),
                actions: [
                    "logs:CreateLogStream",
                    "logs:PutLogEvents",
                    "logs:DescribeLogGroups",
                    "logs:DescribeLogStreams",
                ]
                .map(String::from)
                .to_vec(),
                resources: vec!["*".to_string()],
            }],
        },
        src,
    );
    let flow = N::new(
        "vpc",
        FlowLogSpec {
            resource: VPC.to_string(),
            traffic_type: fl.traffic_type.clone(),
            destination: FlowLogDestination::CloudWatchLogs {
                log_group: group.logical.clone(),
                deliver_logs_role: role.logical.clone(),
            },
        },
        src,
    )
    .dep(VPC)
    .dep(group.logical.clone())
    .dep(role.logical.clone());
    nodes.push(group);
    nodes.push(role);
    nodes.push(flow);
    // Validation has made sure an enabled S3 destination names an enabled bucket.
    if let Some(to_s3) = fl.s3.as_ref().filter(|s| s.enabled) {
        let bucket = format!("{}.{}", ResourceKind::S3Bucket.as_str(), to_s3.bucket);
        nodes.push(
            N::new(
                "vpc-s3",
                FlowLogSpec {
                    resource: VPC.to_string(),
                    traffic_type: fl.traffic_type.clone(),
                    destination: FlowLogDestination::S3 {
                        bucket: bucket.clone(),
                    },
                },
                "network.flow_logs.s3",
            )
            .dep(VPC)
            .dep(bucket),
        );
    }
}
