// Generated from crates/ipc by `make bindings`. Do not edit by hand.

export type ErrorCode = "invalid" | "not_found" | "busy" | "confirmation_required" | "risk_not_accepted" | "store" | "job_failed" | "users_too_large" | "invalid_rows" | "not_users_csv" | "unreadable" | "unwritable" | "not_granted" | "bad_credentials" | "access_denied" | "mfa_invalid" | "mfa_required" | "expired" | "unreachable" | "throttled" | "keychain_locked" | "keychain_unavailable" | "keychain" | "aws" | "internal";

export type ApiError = { code: ErrorCode, message: string, };

export type AppInfo = { version: string, dataDir: string, 
/**
 * Present when the app started the local AWS emulator for the Sandbox profile.
 */
sandbox: SandboxInfo | null, };

export type FirstPaint = { 
/**
 * From the start of the shell's `main` to the page's report. Only the first report of a
 * process counts: a reload or a hostile page calling again gets the same figure.
 */
sinceStartMs: number, };

export type SandboxInfo = { endpoint: string, region: string, };

export type ProfileKind = "sandbox" | "accessKeys" | "assumeRole" | "awsConfig";

export type ProfileSummary = { name: string, region: string, kind: ProfileKind, isDefault: boolean, endpoint: string | null, 
/**
 * What a new environment made with it lives unless another lifetime is picked (`8h`);
 * null for never.
 */
defaultLifetime: string | null, };

export type SaveProfileInput = { name: string, region: string, endpoint: string | null, isDefault: boolean, 
/**
 * What environments made with it live unless their creator picks otherwise (`8h`);
 * absent, null or empty for never.
 */
defaultLifetime: string | null, credentials: ProfileCredentialsInput, };

export type ProfileCredentialsInput = { "kind": "accessKeys" } & AccessKeysInput | { "kind": "assumeRole" } & AssumeRoleInput | { "kind": "awsConfig" } & AwsConfigInput;

export type AccessKeysInput = { accessKeyId?: string, secretAccessKey?: string, sessionToken?: string, };

export type AssumeRoleInput = { sourceProfile: string, roleArn: string, externalId: string | null, mfaSerial: string | null, sessionName: string | null, durationSecs: number | null, };

export type AwsConfigInput = { awsProfile: string, };

export type SaveProfileResult = { warnings: Array<string>, };

export type ProfileDetail = { name: string, kind: ProfileKind, region: string, endpoint: string | null, isDefault: boolean, sourceProfile: string | null, roleArn: string | null, externalId: string | null, mfaSerial: string | null, sessionName: string | null, durationSecs: number | null, awsProfile: string | null, 
/**
 * As the form offers it (`8h`); null for never.
 */
defaultLifetime: string | null, 
/**
 * The access key id (not secret on its own) when the keychain holds keys.
 */
accessKeyId: string | null, };

export type CallerIdentityView = { profile: string, account: string, arn: string, userId: string, 
/**
 * The user or role (with session) name.
 */
principal: string, region: string, endpoint: string | null, chain: Array<ChainLinkView>, warnings: Array<string>, };

export type ChainLinkView = { profile: string, sourceProfile: string, roleArn: string, sessionName: string, durationSecs: number, 
/**
 * RFC 3339, UTC.
 */
expiresAt: string | null, cached: boolean, };

export type AwsConfigProfileView = { name: string, region: string | null, importAs: ProfileKind, hasAccessKeys: boolean, sso: boolean, roleArn: string | null, sourceProfile: string | null, alreadyImported: boolean, };

export type ImportResultView = { name: string, 
/**
 * What it was imported as; absent when it was not imported.
 */
kind: ProfileKind | null, error: string | null, warnings: Array<string>, };

export type ValidationError = { path: string, message: string, };

export type ParamType = "string" | "int" | "bool" | "cidr" | "string_list";

export type ParamDecl = { name: string, type: ParamType, description: string, default: string, 
/**
 * Empty means any value of the type.
 */
allowed: Array<string>, min: number | null, max: number | null, 
/**
 * Default per value of the `environment` parameter (e.g. `prod = "per_az"`).
 */
envDefaults: { [key in string]: string }, };

export type BlueprintOrigin = "builtin" | "user";

export type BlueprintListItem = { name: string, title: string, description: string, origin: BlueprintOrigin, 
/**
 * The built-in a user copy was made from.
 */
basedOn: string | null, 
/**
 * When a user copy was last saved (RFC 3339, UTC).
 */
updatedAt: string | null, 
/**
 * False when a user copy no longer parses; the editor shows why.
 */
valid: boolean, };

export type BlueprintDetail = { name: string, title: string, description: string, origin: BlueprintOrigin, basedOn: string | null, source: string, params: Array<ParamDecl>, 
/**
 * Why the source does not parse (a user copy only); empty when it does.
 */
errors: Array<ValidationError>, };

export type ResourceKind = "vpc" | "subnet" | "internet_gateway" | "route_table" | "route" | "route_table_association" | "eip" | "nat_gateway" | "security_group" | "security_group_rule" | "iam_role" | "instance_profile" | "instance" | "db_subnet_group" | "db_parameter_group" | "rds_instance" | "cache_subnet_group" | "elasticache_replication_group" | "load_balancer" | "target_group" | "listener" | "vpc_endpoint" | "log_group" | "flow_log" | "s3_bucket" | "ssm_parameter" | "ecs_cluster" | "ecs_task_definition" | "ecs_service";

export type Attr = "arn" | "name" | "dns_name" | "canonical_hosted_zone_id" | "public_ip" | "public_dns" | "private_ip" | "association_id" | "instance_id" | "vpc_id" | "subnet_id" | "route_table_id" | "destination" | "group_id" | "peer_group_id" | "direction" | "load_balancer_arn" | "cluster_arn" | "target_group_arn" | "log_group" | "address" | "port" | "endpoint" | "primary_endpoint" | "reader_endpoint" | "db_subnet_group_name" | "master_user_secret_arn" | "final_snapshot" | "type" | "version";

export type OutputSource = { "id": { node: string, } } | { "attr": { node: string, attr: Attr, } };

export type VpcSpec = { cidr_block: string, enable_dns_hostnames: boolean, enable_dns_support: boolean, };

export type SubnetSpec = { vpc: string, cidr_block: string, availability_zone: string, 
/**
 * The blueprint tier it belongs to; the diagram groups and colours by it.
 */
tier: string, map_public_ip_on_launch: boolean, 
/**
 * The blueprint's own label for the subnet, for its `Name` tag.
 */
name: string | null, };

export type InternetGatewaySpec = { vpc: string, };

export type RouteTableSpec = { vpc: string, };

export type RouteTarget = { "gateway": string } | { "nat_gateway": string };

export type RouteSpec = { route_table: string, destination_cidr_block: string, target: RouteTarget, };

export type RouteTableAssociationSpec = { route_table: string, subnet: string, };

export type EipSpec = { instance: string | null, };

export type NatGatewaySpec = { subnet: string, 
/**
 * The Elastic IP node it takes its address from.
 */
allocation: string, };

export type EndpointKind = { "vpc_endpoint_type": "Gateway", route_tables: Array<string>, } | { "vpc_endpoint_type": "Interface", subnets: Array<string>, security_groups: Array<string>, private_dns_enabled: boolean, };

export type VpcEndpointSpec = { vpc: string, 
/**
 * `com.amazonaws.<region>.<service>`.
 */
service_name: string, } & ({ "vpc_endpoint_type": "Gateway", route_tables: Array<string>, } | { "vpc_endpoint_type": "Interface", subnets: Array<string>, security_groups: Array<string>, private_dns_enabled: boolean, });

export type FlowLogDestination = { "type": "cloud_watch_logs", log_group: string, 
/**
 * The IAM role that lets the service write to the group.
 */
deliver_logs_role: string, } | { "type": "s3", bucket: string, };

export type FlowLogSpec = { 
/**
 * The VPC it watches.
 */
resource: string, 
/**
 * `ALL`, `ACCEPT` or `REJECT`.
 */
traffic_type: string, destination: FlowLogDestination, };

export type InlinePeer = { "cidr": string } | "self_group";

export type InlineRule = { 
/**
 * `tcp`, `udp`, `icmp` or `-1` (all).
 */
protocol: string, from_port: number, to_port: number, description: string, peer: InlinePeer, };

export type SecurityGroupSpec = { group_name: string, description: string, 
/**
 * `None`: the region's default VPC.
 */
vpc: string | null, ingress: Array<InlineRule>, 
/**
 * Empty: AWS's allow-all egress stays; otherwise only these.
 */
egress: Array<InlineRule>, };

export type Direction = "ingress" | "egress";

export type SecurityGroupRuleSpec = { group: string, peer_group: string, direction: Direction, protocol: string, from_port: number, to_port: number, description: string, };

export type InlinePolicy = { name: string, actions: Array<string>, resources: Array<string>, };

export type IamRoleSpec = { role_name: string, 
/**
 * The service that may assume it (`ec2.amazonaws.com`).
 */
trust_service: string, managed_policies: Array<string>, inline_policies: Array<InlinePolicy>, };

export type InstanceProfileSpec = { instance_profile_name: string, role: string, };

export type HttpTokens = "required" | "optional";

export type RootVolume = { size_gb: number, type: string, encrypted: boolean, };

export type AmiSource = { "parameter": string } | { "id": string };

export type UserData = { "script": string } | { "baked": { base64: string, gzip: boolean, users: bigint, } };

export type InstanceSpec = { instance_type: string, ami: AmiSource, 
/**
 * `None`: a subnet of the default VPC.
 */
subnet: string | null, security_groups: Array<string>, http_tokens: HttpTokens, 
/**
 * Containers on Docker's bridge are one hop further from IMDS; with IMDSv2 and the default
 * limit of 1 their SDKs cannot get a token.
 */
http_put_response_hop_limit: number, root_volume: RootVolume, associate_public_ip: boolean, detailed_monitoring: boolean, iam_instance_profile: string | null, key_name: string | null, user_data: UserData | null, 
/**
 * Where the users CSV lands on the host, when the user data takes users.
 */
users_csv_path: string | null, 
/**
 * The environment variable that carries the users, when the user data takes users.
 */
users_env: string | null, 
/**
 * The `.env` variable that gets the environment's generated password at launch (the
 * script holds a placeholder; the value comes from the keychain).
 */
generated_password_env: string | null, };

export type DbSubnetGroupSpec = { db_subnet_group_name: string, subnets: Array<string>, };

export type DbParameterGroupSpec = { db_parameter_group_name: string, 
/**
 * `postgres14`, `mysql8.0`: what engine and major version the settings are for.
 */
family: string, description: string, 
/**
 * Parameter name -> value, as ModifyDBParameterGroup takes them (`rds.force_ssl` = `1`).
 */
parameters: { [key in string]: string }, };

export type RdsInstanceSpec = { db_instance_identifier: string, engine: string, engine_version: string, db_instance_class: string, allocated_storage_gb: number, 
/**
 * Storage autoscaling's ceiling; `None` leaves it off.
 */
max_allocated_storage_gb: number | null, storage_type: string, storage_encrypted: boolean, multi_az: boolean, backup_retention_days: number, backup_window: string | null, publicly_accessible: boolean, db_name: string, master_username: string, port: number, db_subnet_group: string, security_groups: Array<string>, 
/**
 * The parameter group it runs with (a logical name); `None` is the engine's default.
 */
db_parameter_group: string | null, 
/**
 * Set at create; teardown turns it off (ModifyDBInstance) only once the user confirmed.
 */
deletion_protection: boolean, 
/**
 * Teardown keeps a final snapshot, named with the environment and the time.
 */
final_snapshot: boolean, };

export type CacheSubnetGroupSpec = { cache_subnet_group_name: string, subnets: Array<string>, };

export type ReplicationGroupSpec = { replication_group_id: string, description: string, engine: string, engine_version: string, cache_node_type: string, num_cache_clusters: number, automatic_failover: boolean, multi_az: boolean, port: number, at_rest_encryption: boolean, transit_encryption: boolean, cache_subnet_group: string, security_groups: Array<string>, };

export type LoadBalancerSpec = { name: string, 
/**
 * `internet-facing` or `internal`.
 */
scheme: string, subnets: Array<string>, security_groups: Array<string>, };

export type TargetType = "instance" | "ip";

export type TargetGroupSpec = { name: string, port: number, protocol: string, vpc: string | null, health_check_path: string, target_type: TargetType, 
/**
 * Instances registered as targets (type `instance` only; ECS registers an `ip` group's).
 */
targets: Array<string>, };

export type ListenerTls = { 
/**
 * An ACM certificate's ARN.
 */
certificate_arn: string, 
/**
 * The ELB security policy (`ELBSecurityPolicy-TLS13-1-2-2021-06`).
 */
ssl_policy: string, };

export type ListenerRuleSpec = { priority: number, path_patterns: Array<string>, forward_to: string, };

export type ListenerSpec = { load_balancer: string, port: number, protocol: string, 
/**
 * The target group a request no rule matches is forwarded to.
 */
forward_to: string, 
/**
 * Given for HTTPS: the certificate and TLS policy.
 */
tls: ListenerTls | null, 
/**
 * Made with the listener and deleted with it (AWS deletes a listener's rules with it).
 */
rules: Array<ListenerRuleSpec>, };

export type LogGroupSpec = { log_group_name: string, retention_in_days: number | null, };

export type LifecycleAction = { "transition_to": string } | "expire";

export type LifecycleRule = { days: number, action: LifecycleAction, };

export type NoncurrentTransition = { 
/**
 * Days after a newer version replaced it.
 */
noncurrent_days: number, 
/**
 * An S3 storage class (`GLACIER`, `STANDARD_IA`, ...).
 */
storage_class: string, };

export type S3BucketSpec = { bucket_name: string, versioning: boolean, 
/**
 * `AES256` or `aws:kms`.
 */
encryption: string, block_public_access: boolean, 
/**
 * Teardown empties the bucket (every version) first; without it a bucket that still
 * holds objects stays, and the teardown says so.
 */
force_destroy: boolean, 
/**
 * Teardown leaves the bucket, its objects and its tags in place and records it as
 * retained (a prod environment's versioned bucket holds its backups).
 */
retain: boolean, lifecycle: Array<LifecycleRule>, noncurrent_expiration_days: number | null, 
/**
 * Old versions' moves to colder storage, each before their expiry.
 */
noncurrent_transitions: Array<NoncurrentTransition>, };

export type SsmParameterSpec = { parameter_name: string, description: string, 
/**
 * Output name -> where its value comes from.
 */
values: Array<[string, OutputSource]>, };

export type EcsClusterSpec = { cluster_name: string, };

export type ContainerSpec = { name: string, image: string, 
/**
 * The port it listens on (TCP); `None` for a worker that takes no traffic.
 */
port: number | null, environment: { [key in string]: string }, 
/**
 * The CloudWatch log group its output goes to (the `awslogs` driver), by AWS name; the
 * task definition depends on the log group node that makes it.
 */
log_group_name: string, log_stream_prefix: string, };

export type EcsTaskDefinitionSpec = { 
/**
 * The family; each registration is a new revision of it.
 */
family: string, 
/**
 * CPU units (1024 = one vCPU), one of Fargate's sizes.
 */
cpu: number, 
/**
 * MiB, a size Fargate allows with `cpu`.
 */
memory_mib: number, 
/**
 * The role (logical name) ECS assumes to pull the image and write the logs.
 */
execution_role: string, container: ContainerSpec, };

export type ServiceLoadBalancer = { target_group: string, container_name: string, container_port: number, };

export type EcsServiceSpec = { service_name: string, cluster: string, task_definition: string, desired_count: number, 
/**
 * Private subnets: the tasks get no public IP and reach the internet through NAT.
 */
subnets: Array<string>, security_groups: Array<string>, load_balancer: ServiceLoadBalancer | null, };

export type NodeSpec = { "kind": "vpc", "properties": VpcSpec } | { "kind": "subnet", "properties": SubnetSpec } | { "kind": "internet_gateway", "properties": InternetGatewaySpec } | { "kind": "route_table", "properties": RouteTableSpec } | { "kind": "route", "properties": RouteSpec } | { "kind": "route_table_association", "properties": RouteTableAssociationSpec } | { "kind": "eip", "properties": EipSpec } | { "kind": "nat_gateway", "properties": NatGatewaySpec } | { "kind": "security_group", "properties": SecurityGroupSpec } | { "kind": "security_group_rule", "properties": SecurityGroupRuleSpec } | { "kind": "iam_role", "properties": IamRoleSpec } | { "kind": "instance_profile", "properties": InstanceProfileSpec } | { "kind": "instance", "properties": InstanceSpec } | { "kind": "db_subnet_group", "properties": DbSubnetGroupSpec } | { "kind": "db_parameter_group", "properties": DbParameterGroupSpec } | { "kind": "rds_instance", "properties": RdsInstanceSpec } | { "kind": "cache_subnet_group", "properties": CacheSubnetGroupSpec } | { "kind": "elasticache_replication_group", "properties": ReplicationGroupSpec } | { "kind": "load_balancer", "properties": LoadBalancerSpec } | { "kind": "target_group", "properties": TargetGroupSpec } | { "kind": "listener", "properties": ListenerSpec } | { "kind": "vpc_endpoint", "properties": VpcEndpointSpec } | { "kind": "log_group", "properties": LogGroupSpec } | { "kind": "flow_log", "properties": FlowLogSpec } | { "kind": "s3_bucket", "properties": S3BucketSpec } | { "kind": "ssm_parameter", "properties": SsmParameterSpec } | { "kind": "ecs_cluster", "properties": EcsClusterSpec } | { "kind": "ecs_task_definition", "properties": EcsTaskDefinitionSpec } | { "kind": "ecs_service", "properties": EcsServiceSpec };

export type ResourceNode = { 
/**
 * Unique in the graph, `kind.name` (e.g. `subnet.public-a`); becomes the `hangar:logical` tag.
 */
logical: string, dependsOn: Array<string>, 
/**
 * The blueprint path this node comes from, for errors and the UI.
 */
source: string, 
/**
 * The AZ the node lives in, when it lives in one.
 */
az: string | null, 
/**
 * The subnet (logical name) it sits in, for the diagram.
 */
subnet: string | null, } & ({ "kind": "vpc", "properties": VpcSpec } | { "kind": "subnet", "properties": SubnetSpec } | { "kind": "internet_gateway", "properties": InternetGatewaySpec } | { "kind": "route_table", "properties": RouteTableSpec } | { "kind": "route", "properties": RouteSpec } | { "kind": "route_table_association", "properties": RouteTableAssociationSpec } | { "kind": "eip", "properties": EipSpec } | { "kind": "nat_gateway", "properties": NatGatewaySpec } | { "kind": "security_group", "properties": SecurityGroupSpec } | { "kind": "security_group_rule", "properties": SecurityGroupRuleSpec } | { "kind": "iam_role", "properties": IamRoleSpec } | { "kind": "instance_profile", "properties": InstanceProfileSpec } | { "kind": "instance", "properties": InstanceSpec } | { "kind": "db_subnet_group", "properties": DbSubnetGroupSpec } | { "kind": "db_parameter_group", "properties": DbParameterGroupSpec } | { "kind": "rds_instance", "properties": RdsInstanceSpec } | { "kind": "cache_subnet_group", "properties": CacheSubnetGroupSpec } | { "kind": "elasticache_replication_group", "properties": ReplicationGroupSpec } | { "kind": "load_balancer", "properties": LoadBalancerSpec } | { "kind": "target_group", "properties": TargetGroupSpec } | { "kind": "listener", "properties": ListenerSpec } | { "kind": "vpc_endpoint", "properties": VpcEndpointSpec } | { "kind": "log_group", "properties": LogGroupSpec } | { "kind": "flow_log", "properties": FlowLogSpec } | { "kind": "s3_bucket", "properties": S3BucketSpec } | { "kind": "ssm_parameter", "properties": SsmParameterSpec } | { "kind": "ecs_cluster", "properties": EcsClusterSpec } | { "kind": "ecs_task_definition", "properties": EcsTaskDefinitionSpec } | { "kind": "ecs_service", "properties": EcsServiceSpec });

export type ResourceGraph = { nodes: Array<ResourceNode>, };

export type PlanStep = { 
/**
 * 0-based position in creation order.
 */
index: number, logical: string, slow: boolean, dependsOn: Array<string>, } & ({ "kind": "vpc", "properties": VpcSpec } | { "kind": "subnet", "properties": SubnetSpec } | { "kind": "internet_gateway", "properties": InternetGatewaySpec } | { "kind": "route_table", "properties": RouteTableSpec } | { "kind": "route", "properties": RouteSpec } | { "kind": "route_table_association", "properties": RouteTableAssociationSpec } | { "kind": "eip", "properties": EipSpec } | { "kind": "nat_gateway", "properties": NatGatewaySpec } | { "kind": "security_group", "properties": SecurityGroupSpec } | { "kind": "security_group_rule", "properties": SecurityGroupRuleSpec } | { "kind": "iam_role", "properties": IamRoleSpec } | { "kind": "instance_profile", "properties": InstanceProfileSpec } | { "kind": "instance", "properties": InstanceSpec } | { "kind": "db_subnet_group", "properties": DbSubnetGroupSpec } | { "kind": "db_parameter_group", "properties": DbParameterGroupSpec } | { "kind": "rds_instance", "properties": RdsInstanceSpec } | { "kind": "cache_subnet_group", "properties": CacheSubnetGroupSpec } | { "kind": "elasticache_replication_group", "properties": ReplicationGroupSpec } | { "kind": "load_balancer", "properties": LoadBalancerSpec } | { "kind": "target_group", "properties": TargetGroupSpec } | { "kind": "listener", "properties": ListenerSpec } | { "kind": "vpc_endpoint", "properties": VpcEndpointSpec } | { "kind": "log_group", "properties": LogGroupSpec } | { "kind": "flow_log", "properties": FlowLogSpec } | { "kind": "s3_bucket", "properties": S3BucketSpec } | { "kind": "ssm_parameter", "properties": SsmParameterSpec } | { "kind": "ecs_cluster", "properties": EcsClusterSpec } | { "kind": "ecs_task_definition", "properties": EcsTaskDefinitionSpec } | { "kind": "ecs_service", "properties": EcsServiceSpec });

export type PlanOutput = { name: string, 
/**
 * `section.name.attribute`, as the blueprint writes it.
 */
value: string, description: string, 
/**
 * The node and attribute the engine fills it from once the resource exists.
 */
source: OutputSource, };

export type PlanWarningKind = "open_admin_port" | "imds_v1_allowed" | "ebs_unencrypted" | "rds_unencrypted" | "rds_public" | "s3_public_access_block_off" | "broad_iam_policy";

export type PlanWarning = { kind: PlanWarningKind, 
/**
 * The node it is about (`security_group.app`).
 */
logical: string, 
/**
 * Where in the blueprint to change it (`security_groups[0].ingress[1]`).
 */
path: string, message: string, 
/**
 * Whether creating it needs the person's explicit yes in this plan's stage
 * ([`PlanWarningKind::needs_consent`]).
 */
needsConsent: boolean, };

export type FileContents = "compose" | "dot_env" | "users";

export type HostAction = { "action": "installPackages", manager: string, packages: Array<string>, } | { "action": "download", url: string, path: string, } | { "action": "startSystemService", name: string, } | { "action": "writeFile", path: string, 
/**
 * Octal, as `chmod` takes it.
 */
mode: string, holds: FileContents, } | { "action": "envFromFile", variable: string, path: string, } | { "action": "generatedPassword", variable: string, } | { "action": "publicAddress", variable: string, } | { "action": "composeUp", dir: string, profiles: Array<string>, };

export type PublishedPort = { host: string, container: string, };

export type ServiceSummary = { name: string, image: string, containerName: string | null, ports: Array<PublishedPort>, 
/**
 * False when it waits for a compose profile nobody switched on.
 */
starts: boolean, profiles: Array<string>, 
/**
 * Variables whose value is the host's public URL: `NEXT_PUBLIC_API_URL` ->
 * `http://${HANGAR_PUBLIC_HOST}:8000`.
 */
publicUrls: Array<[string, string]>, 
/**
 * Variables that carry the generated password (by `${VAR}` in their value).
 */
usesGeneratedPassword: Array<string>, };

export type HostSummary = { 
/**
 * The instance's logical name (`instance.dev-server`).
 */
logical: string, actions: Array<HostAction>, 
/**
 * The containers `docker compose up` starts or leaves to a profile.
 */
services: Array<ServiceSummary>, };

export type CostLine = { logical: string, kind: ResourceKind, 
/**
 * What is charged, e.g. `t3.medium instance-hours`.
 */
item: string, quantity: number, unit: string, unitPrice: number, monthly: number, };

export type CostEstimate = { currency: string, monthlyTotal: number, lines: Array<CostLine>, notes: Array<string>, 
/**
 * Where the prices come from and when.
 */
source: string, };

export type DiagramNodeKind = "region" | "vpc" | "az" | "subnet" | "resource" | "external";

export type DiagramNode = { id: string, label: string, kind: DiagramNodeKind, parent: string | null, resourceKind: ResourceKind | null, 
/**
 * Drawn on its container's border (internet gateway, endpoints, load balancer, flow log).
 */
atEdge: boolean, };

export type DiagramEdgeKind = "security_rule";

export type DiagramEdge = { id: string, source: string, target: string, 
/**
 * `tcp 5432`, plus where the rule comes from.
 */
label: string, kind: DiagramEdgeKind, };

export type Diagram = { nodes: Array<DiagramNode>, edges: Array<DiagramEdge>, };

export type Stage = "non_prod" | "prod";

export type Plan = { blueprint: string, region: string, 
/**
 * Prod when its `environment` parameter says so: what its teardown keeps and asks.
 */
stage: Stage, 
/**
 * Every parameter's resolved value, in command-line form.
 */
parameters: { [key in string]: string }, 
/**
 * `${env_short_id}`: the first 8 hex characters of the environment's id. None in a plan
 * made before the environment exists, where `xxxxxxxx` stands for it in every name.
 */
envShortId: string | null, graph: ResourceGraph, steps: Array<PlanStep>, cost: CostEstimate, diagram: Diagram, outputs: Array<PlanOutput>, 
/**
 * Risky settings worth a second look before creating anything; none stops the plan.
 */
warnings: Array<PlanWarning>, 
/**
 * What each host's user data does at first boot, one entry per instance with user data.
 */
hosts: Array<HostSummary>, };

export type PlanOutcome = { "status": "valid", plan: Plan, 
/**
 * The diagram as a Mermaid `flowchart`, for pasting into docs.
 */
mermaid: string, } | { "status": "invalid", errors: Array<ValidationError>, };

export type SaveOutcome = { "status": "saved", blueprint: BlueprintListItem, } | { "status": "invalid", errors: Array<ValidationError>, };

export type UserRow = { 
/**
 * A safe Linux account name: `^[a-z_][a-z0-9_-]{0,31}$`, not reserved.
 */
username: string, email: string, 
/**
 * The optional full name; `None` when the column is absent or the cell is blank.
 */
name: string | null, 
/**
 * One of the allowed roles, spelled as the allowed set spells it.
 */
role: string, };

export type RowError = { 
/**
 * The row as a spreadsheet shows it: the header is row 1, the first data row row 2. A row
 * whose quoted cells span several lines is numbered by the line it starts on.
 */
row: number, 
/**
 * The column as the file's header spells it; empty for a problem with the whole row.
 */
column: string, message: string, };

export type TextEncoding = "utf8" | "utf8Bom" | "utf16Le" | "utf16Be" | "windows1252";

export type UsersReport = { 
/**
 * The rows with no error, in file order.
 */
users: Array<UserRow>, 
/**
 * Every problem found, in file order.
 */
errors: Array<RowError>, 
/**
 * Things worth saying that reject nothing (a legacy encoding, an ignored column...).
 */
warnings: Array<string>, 
/**
 * Data rows read, blank rows not counted.
 */
rowsRead: number, 
/**
 * Data rows with at least one error.
 */
invalidRows: number, encoding: TextEncoding, 
/**
 * The delimiter detected: `,`, `;` or a tab.
 */
delimiter: string, };

export type FileErrorKind = "notText" | "empty" | "noHeader" | "noRows" | "missingColumn" | "duplicateColumn" | "fieldTooLarge" | "fileTooLarge" | "malformed" | "tooManyRows" | "tooManyColumns";

export type FileError = { kind: FileErrorKind, message: string, };

export type PreviewRow = { 
/**
 * The row as a spreadsheet numbers it, as in [`super::RowError::row`].
 */
row: number, 
/**
 * One cell per [`UsersPreview::columns`], empty when the file has no such column.
 */
cells: Array<string>, };

export type UsersPreview = { 
/**
 * username, email, name, role: as the header spells them, or the canonical name when the
 * column is absent.
 */
columns: Array<string>, rows: Array<PreviewRow>, };

export type UsersFileInfo = { path: string, fileName: string, sizeBytes: number, 
/**
 * Lowercase hex.
 */
sha256: string, };

export type UsersCheckOutcome = { "status": "checked", file: UsersFileInfo, report: UsersReport, 
/**
 * Every row as written, for the panel to show with its errors.
 */
preview: UsersPreview, } | { "status": "not_users_csv", file: UsersFileInfo, error: FileError, };

export type UsersImportView = { fileName: string, sizeBytes: number, sha256: string, 
/**
 * RFC 3339, UTC.
 */
importedAt: string, acceptedRows: number, rejectedRows: number, };

export type UsersImportResult = { environment: string, import: UsersImportView, 
/**
 * The instances whose user data carries the users.
 */
instances: Array<string>, 
/**
 * Of those, the ones that exist: user data runs at first boot, so they take the new list
 * only when replaced.
 */
toReplace: Array<string>, };

export type EnvironmentUsers = { environment: string, users: Array<UserRow>, latestImport: UsersImportView | null, };

export type UsersTarget = { name: string, blueprint: string, status: EnvironmentStatus, 
/**
 * The roles its blueprint's `[users]` section allows (admin, developer, viewer without
 * one): what the import dialog's roles field starts from.
 */
roles: Array<string>, };

export type EnvironmentStatus = "new" | "creating" | "ready" | "failed" | "destroying" | "destroyed" | "interrupted" | "drifted" | "paused";

export type ResourceState = "creating" | "ready" | "failed" | "deleting" | "deleted" | "missing" | "retained" | "stopped";

export type Setting = "instance_type" | "instance_state" | "db_instance_class" | "multi_az" | "subnet_cidr" | "ingress_rule" | "tag";

export type SettingDrift = { setting: Setting, 
/**
 * The blueprint's value (`absent` for a rule or tag that should not be there).
 */
want: string, 
/**
 * What AWS holds (`absent` for a rule or tag that is gone).
 */
have: string, };

export type JobKind = "provision" | "teardown" | "refresh" | "resume" | "pause" | "wake";

export type JobStatus = "running" | "succeeded" | "failed" | "interrupted" | "cancelled";

export type LogLevel = "trace" | "debug" | "info" | "warn" | "error";

export type OnFailure = "keep" | "rollback";

export type JobFailure = { 
/**
 * The node's logical name (`instance.dev-server`), or a swept resource's AWS id.
 */
node: string | null, kind: ResourceKind | null, 
/**
 * AWS's error code (`InsufficientInstanceCapacity`), when AWS answered.
 */
awsCode: string | null, message: string, };

export type RetainedKind = "s3_bucket" | "db_snapshot";

export type RetainedRecord = { kind: RetainedKind, 
/**
 * The snapshot identifier or the bucket name.
 */
awsId: string, 
/**
 * The node it came from.
 */
source: string, sizeGb: number, 
/**
 * USD a month, an estimate from the price table.
 */
monthlyCost: number, recordedAt: string, };

export type NextAction = "provision" | "refresh" | "resume" | "retry" | "repair" | "pause" | "wake" | "teardown";

export type NextJob = { action: NextAction, kind: JobKind, };

export type EnvironmentSummary = { name: string, blueprint: string, region: string, profile: string, status: EnvironmentStatus, 
/**
 * RFC 3339, UTC.
 */
createdAt: string, updatedAt: string, 
/**
 * The plan's monthly estimate over 730 hours; null when the plan no longer builds.
 */
costPerHour: number | null, 
/**
 * When it is torn down by itself (RFC 3339, UTC); null for never.
 */
expiresAt: string | null, 
/**
 * When it runs (`mon-fri 08:00-19:00 Europe/Paris`): outside them it is paused. Null for
 * always.
 */
officeHours: string | null, 
/**
 * Dollars spent so far by the hours its resources existed (hourly items only); null when
 * the plan no longer builds.
 */
costSoFar: number | null, };

export type AccountEnvironmentView = { 
/**
 * Its `hangar:env-id`.
 */
id: string, name: string, 
/**
 * Null for one made without team mode: only its tags show it, and it can be adopted for
 * teardown only.
 */
status: EnvironmentStatus | null, 
/**
 * The STS identity whose job first recorded it.
 */
owner: string | null, blueprint: string | null, 
/**
 * RFC 3339, UTC: when its first history recorded it.
 */
createdAt: string | null, 
/**
 * Its plan's monthly estimate over 730 hours.
 */
costPerHour: number | null, 
/**
 * RFC 3339, UTC: when its record was last written.
 */
updatedAt: string | null, 
/**
 * Who runs a job on it now (`arn on host, running provision since …`), if anyone.
 */
job: string | null, 
/**
 * That job's lease has expired: its holder stopped, and the next job breaks it.
 */
jobExpired: boolean, 
/**
 * This history holds it already.
 */
here: boolean, };

export type AccountEnvironments = { 
/**
 * Whether the profile is in team mode; when not, nothing was looked up.
 */
teamMode: boolean, 
/**
 * `s3://bucket/prefix`, where the records are; null when not in team mode.
 */
location: string | null, environments: Array<AccountEnvironmentView>, };

export type EnvironmentExpiring = { name: string, 
/**
 * RFC 3339, UTC.
 */
expiresAt: string, 
/**
 * As a person reads it: `30m left`.
 */
timeLeft: string, };

export type ResourceView = { logical: string, kind: ResourceKind, awsId: string | null, state: ResourceState, 
/**
 * What the last refresh found changed in its settings: the diagram badges the node.
 */
drift: Array<SettingDrift>, };

export type JobView = { id: number, environment: string, kind: JobKind, status: JobStatus, 
/**
 * The failures in one line.
 */
error: string | null, 
/**
 * The failures node by node, with AWS's codes: what the failed node's panel shows.
 */
failures: Array<JobFailure>, startedAt: string, finishedAt: string | null, };

export type EnvironmentDetail = { summary: EnvironmentSummary, onFailure: OnFailure, 
/**
 * The jobs the user may start now, one button each (decided by the engine's
 * `next_jobs`; the window does not work them out from the status).
 */
nextJobs: Array<NextJob>, parameters: { [key in string]: string }, resources: Array<ResourceView>, 
/**
 * The blueprint's outputs by name (`app_public_ip`, `db_endpoint`, ...), once provisioned.
 */
outputs: { [key in string]: string }, 
/**
 * The newest first.
 */
jobs: Array<JobView>, 
/**
 * What its teardowns kept or left on purpose (final snapshots, backup buckets), with
 * their monthly estimates.
 */
retained: Array<RetainedRecord>, 
/**
 * The plan it was created from: the diagram, the graph and the cost; null when the
 * recorded blueprint no longer builds.
 */
plan: Plan | null, };

export type CreateEnvironmentInput = { name: string, blueprint: string, 
/**
 * A user's unsaved blueprint text; without it the built-in or saved copy is used.
 */
source: string | null, overrides: { [key in string]: string }, profile: string, onFailure: OnFailure, 
/**
 * How long until it is torn down by itself (`8h`, `90m`, `2d`); absent or empty for never.
 */
lifetime: string | null, };

export type LogLine = { id: number, at: string, level: LogLevel, source: string, message: string, };

export type LogTail = { lines: Array<LogLine>, 
/**
 * Earlier lines remain: ask again before the first of these.
 */
earlier: boolean, };

export type NodeState = "pending" | "creating" | "ready" | "failed" | "deleting" | "deleted" | "retained" | "stopped";

export type Event = { "type": "jobStarted", jobId: number, kind: JobKind, total: number, } | { "type": "node", logical: string, kind: string, state: NodeState, awsId: string | null, error: string | null, } | { "type": "passwordGenerated" } | { "type": "progress", done: number, total: number, } | { "type": "log", level: LogLevel, source: string, message: string, } | { "type": "jobFinished", jobId: number, status: JobStatus, 
/**
 * The failures in one line.
 */
error: string | null, 
/**
 * The failures node by node, with AWS's codes.
 */
failures: Array<JobFailure>, 
/**
 * What the environment's teardowns left on purpose (final snapshots, backup
 * buckets), with their monthly cost; empty for other jobs.
 */
retained: Array<RetainedRecord>, };

export type MfaRequest = { 
/**
 * The id the answer must carry.
 */
id: number, profile: string, roleArn: string, 
/**
 * The MFA device, as the profile names it.
 */
serial: string, reason: string, 
/**
 * How long the job waits before it stops.
 */
timeoutSecs: number, };

export type MfaClosed = { id: number, timedOut: boolean, };

export const KIND_LABELS: Record<ResourceKind, string> = {
  vpc: "VPC",
  subnet: "Subnet",
  internet_gateway: "Internet gateway",
  route_table: "Route table",
  route: "Route",
  route_table_association: "Route table association",
  eip: "Elastic IP",
  nat_gateway: "NAT gateway",
  security_group: "Security group",
  security_group_rule: "Security group rule",
  iam_role: "IAM role",
  instance_profile: "Instance profile",
  instance: "EC2 instance",
  db_subnet_group: "DB subnet group",
  db_parameter_group: "DB parameter group",
  rds_instance: "RDS instance",
  cache_subnet_group: "Cache subnet group",
  elasticache_replication_group: "ElastiCache replication group",
  load_balancer: "Application load balancer",
  target_group: "Target group",
  listener: "Listener",
  vpc_endpoint: "VPC endpoint",
  log_group: "Log group",
  flow_log: "Flow log",
  s3_bucket: "S3 bucket",
  ssm_parameter: "SSM parameter",
  ecs_cluster: "ECS cluster",
  ecs_task_definition: "ECS task definition",
  ecs_service: "ECS service",
};
