// Generated from crates/ipc by `make bindings`. Do not edit by hand.

export type ApiError = { code: string, message: string, };

export type AppInfo = { version: string, dataDir: string, 
/**
 * Present when the app started the local AWS emulator for the Sandbox profile.
 */
sandbox: SandboxInfo | null, };

export type SandboxInfo = { endpoint: string, region: string, };

export type ProfileKind = "sandbox" | "accessKeys" | "assumeRole" | "awsConfig";

export type ProfileSummary = { name: string, region: string, kind: ProfileKind, isDefault: boolean, endpoint: string | null, };

export type SaveProfileInput = { name: string, region: string, endpoint: string | null, isDefault: boolean, credentials: ProfileCredentialsInput, };

export type ProfileCredentialsInput = { "kind": "accessKeys" } & AccessKeysInput | { "kind": "assumeRole" } & AssumeRoleInput | { "kind": "awsConfig" } & AwsConfigInput;

export type AccessKeysInput = { accessKeyId?: string, secretAccessKey?: string, sessionToken?: string, };

export type AssumeRoleInput = { sourceProfile: string, roleArn: string, externalId: string | null, mfaSerial: string | null, sessionName: string | null, durationSecs: number | null, };

export type AwsConfigInput = { awsProfile: string, };

export type SaveProfileResult = { warnings: Array<string>, };

export type ProfileDetail = { name: string, kind: ProfileKind, region: string, endpoint: string | null, isDefault: boolean, sourceProfile: string | null, roleArn: string | null, externalId: string | null, mfaSerial: string | null, sessionName: string | null, durationSecs: number | null, awsProfile: string | null, 
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

export type ResourceKind = "vpc" | "subnet" | "internet_gateway" | "route_table" | "route" | "route_table_association" | "eip" | "nat_gateway" | "security_group" | "security_group_rule" | "iam_role" | "instance_profile" | "instance" | "db_subnet_group" | "rds_instance" | "cache_subnet_group" | "elasticache_replication_group" | "load_balancer" | "target_group" | "listener" | "vpc_endpoint" | "log_group" | "flow_log" | "s3_bucket";

export type Prop = boolean | number | string | Array<Prop> | { [key in string]: Prop };

export type ResourceNode = { 
/**
 * Unique in the graph, `kind.name` (e.g. `subnet.public-a`); becomes the `hangar:logical` tag.
 */
logical: string, kind: ResourceKind, 
/**
 * What the create call sets.
 */
properties: { [key in string]: Prop }, dependsOn: Array<string>, 
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
subnet: string | null, };

export type ResourceGraph = { nodes: Array<ResourceNode>, };

export type PlanStep = { 
/**
 * 0-based position in creation order.
 */
index: number, logical: string, kind: ResourceKind, slow: boolean, dependsOn: Array<string>, 
/**
 * What the create call sets.
 */
properties: { [key in string]: Prop }, };

export type PlanOutput = { name: string, 
/**
 * `section.name.attribute`, filled in by the engine once the resource exists.
 */
value: string, description: string, };

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

export type Plan = { blueprint: string, region: string, 
/**
 * Every parameter's resolved value, in command-line form.
 */
parameters: { [key in string]: string }, graph: ResourceGraph, steps: Array<PlanStep>, cost: CostEstimate, diagram: Diagram, outputs: Array<PlanOutput>, };

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

export type FileErrorKind = "notText" | "empty" | "noHeader" | "noRows" | "missingColumn" | "duplicateColumn" | "fieldTooLarge" | "fileTooLarge" | "malformed";

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

export type UsersTarget = { name: string, blueprint: string, status: string, 
/**
 * The roles its blueprint's `[users]` section allows (admin, developer, viewer without
 * one): what the import dialog's roles field starts from.
 */
roles: Array<string>, };

export type EnvironmentSummary = { name: string, blueprint: string, region: string, profile: string, 
/**
 * `new`, `creating`, `ready`, `failed`, `destroying`, `destroyed` or `interrupted`.
 */
status: string, 
/**
 * RFC 3339, UTC.
 */
createdAt: string, updatedAt: string, 
/**
 * The plan's monthly estimate over 730 hours; null when the plan no longer builds.
 */
costPerHour: number | null, };

export type ResourceView = { logical: string, kind: string, awsId: string | null, 
/**
 * `creating`, `ready`, `failed`, `deleting` or `deleted`.
 */
state: string, };

export type JobView = { id: number, environment: string, 
/**
 * `provision`, `resume` or `teardown`.
 */
kind: string, 
/**
 * `running`, `succeeded`, `failed` or `interrupted`.
 */
status: string, error: string | null, startedAt: string, finishedAt: string | null, };

export type EnvironmentDetail = { summary: EnvironmentSummary, onFailure: string, parameters: { [key in string]: string }, resources: Array<ResourceView>, 
/**
 * The blueprint's outputs by name (`app_public_ip`, `db_endpoint`, ...), once provisioned.
 */
outputs: { [key in string]: string }, 
/**
 * The newest first.
 */
jobs: Array<JobView>, 
/**
 * The plan it was created from: the diagram, the graph and the cost; null when the
 * recorded blueprint no longer builds.
 */
plan: Plan | null, };

export type CreateEnvironmentInput = { name: string, blueprint: string, 
/**
 * A user's unsaved blueprint text; without it the built-in or saved copy is used.
 */
source: string | null, overrides: { [key in string]: string }, profile: string, 
/**
 * `keep` or `rollback`.
 */
onFailure: string, };

export type LogLine = { id: number, at: string, level: string, source: string, message: string, };

export type JobKind = "provision" | "teardown" | "resume" | "refresh";

export type NodeState = "pending" | "creating" | "ready" | "failed" | "deleting" | "deleted";

export type Event = { "type": "jobStarted", job_id: number, kind: JobKind, total: number, } | { "type": "node", logical: string, kind: string, state: NodeState, aws_id: string | null, error: string | null, } | { "type": "progress", done: number, total: number, } | { "type": "log", level: string, source: string, message: string, } | { "type": "jobFinished", job_id: number, status: string, error: string | null, };
