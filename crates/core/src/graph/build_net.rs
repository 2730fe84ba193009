//! VPC, subnets, gateways, route tables, endpoints and flow logs.

use std::collections::BTreeMap;

use super::{Prop, ResourceKind as K, ResourceNode as N};
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
    pub fn vpc_ref(&self) -> Prop {
        Prop::from(if self.present { VPC } else { "default" })
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
    nodes.push(
        N::new(K::Vpc, "main", "network")
            .prop("cidr_block", &net.vpc_cidr)
            .prop("enable_dns_hostnames", net.dns_hostnames)
            .prop("enable_dns_support", net.dns_support),
    );
    let has_public = net.tiers.iter().any(|t| t.kind == TierKind::Public);
    let igw = has_public.then(|| {
        nodes.push(
            N::new(K::InternetGateway, "main", "network")
                .prop("vpc", VPC)
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
                K::Subnet,
                &name,
                format!("network.tiers[{ti}].subnets[{i}]"),
            )
            .prop("vpc", VPC)
            .prop("cidr_block", &s.cidr)
            .prop("availability_zone", az)
            .prop("tier", &tier.name)
            .prop("map_public_ip_on_launch", tier.kind == TierKind::Public)
            .dep(VPC);
            if let Some(label) = &s.name {
                n = n.prop("name", label);
            }
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
        let eip = N::new(K::Eip, &format!("nat-{l}"), "network.nat")
            .prop("domain", "vpc")
            .prop("purpose", "nat_gateway");
        let mut nat = N::new(K::NatGateway, &l, "network.nat")
            .prop("subnet", subnet)
            .prop("allocation", &eip.logical)
            .prop("connectivity_type", "public")
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
        let rt = N::new(K::RouteTable, name, &src).prop("vpc", VPC).dep(VPC);
        let rt_logical = rt.logical.clone();
        nodes.push(rt);
        let target = match t.kind {
            TierKind::Public => igw.clone().map(|g| ("gateway", g)),
            TierKind::Private => nats
                .get(if per_az { i } else { 0 })
                .cloned()
                .map(|n| ("nat_gateway", n)),
            TierKind::Isolated => None,
        };
        let route = target.map(|(key, target)| {
            let r = N::new(K::Route, &format!("{name}-default"), &src)
                .prop("route_table", &rt_logical)
                .prop("destination_cidr_block", "0.0.0.0/0")
                .prop(key, &target)
                .dep(rt_logical.clone())
                .dep(target);
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
            N::new(K::RouteTableAssociation, &format!("{tier}-{az}"), &src)
                .prop("route_table", rt)
                .prop("subnet", subnet)
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
        let mut n = N::new(K::VpcEndpoint, &ep.service.replace('.', "-"), src)
            .prop("vpc", VPC)
            .prop(
                "service_name",
                format!("com.amazonaws.{}.{}", spec.region, ep.service),
            )
            .dep(VPC);
        match ep.kind {
            EndpointType::Gateway => {
                let mut tables: Vec<String> = ep
                    .tiers
                    .iter()
                    .filter_map(|t| info.tier(t))
                    .flat_map(|t| t.route_tables.iter().cloned())
                    .collect();
                tables.dedup();
                n = n
                    .prop("vpc_endpoint_type", "Gateway")
                    .prop("route_tables", tables.clone())
                    .deps(tables);
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
                n = n
                    .prop("vpc_endpoint_type", "Interface")
                    .prop("subnets", subnets.clone())
                    .prop("security_groups", groups.clone())
                    .prop("private_dns_enabled", ep.private_dns)
                    .prop("az_count", subnets.len() as i64)
                    .deps(subnets)
                    .deps(groups);
            }
        }
        nodes.push(n);
    }
}

fn build_flow_logs(net: &Network, nodes: &mut Vec<N>) {
    let Some(fl) = net.flow_logs.as_ref().filter(|f| f.enabled) else {
        return;
    };
    let src = "network.flow_logs";
    let group = N::new(K::LogGroup, "flow-logs", src)
        .prop("log_group_name", &fl.log_group)
        .prop("retention_in_days", fl.retention_days);
    let role = N::new(K::IamRole, "flow-logs", src)
        .prop("role_name", &fl.role_name)
        .prop("trust_service", "vpc-flow-logs.amazonaws.com")
        .prop(
            "inline_policies",
            vec![Prop::map([
                ("name", Prop::from("flow-logs-delivery")),
                (
                    "actions",
                    Prop::from(vec![
                        "logs:CreateLogStream",
                        "logs:PutLogEvents",
                        "logs:DescribeLogGroups",
                        "logs:DescribeLogStreams",
                    ]),
                ),
                ("resources", Prop::from(vec!["*"])),
            ])],
        );
    let flow = N::new(K::FlowLog, "vpc", src)
        .prop("resource", VPC)
        .prop("traffic_type", &fl.traffic_type)
        .prop("log_destination_type", "cloud-watch-logs")
        .prop("log_group", &group.logical)
        .prop("deliver_logs_role", &role.logical)
        .dep(VPC)
        .dep(group.logical.clone())
        .dep(role.logical.clone());
    nodes.push(group);
    nodes.push(role);
    nodes.push(flow);
}
