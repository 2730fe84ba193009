use ts_rs::{Config, TS};

use hangar_core::ValidationError;
use hangar_core::blueprint::{ParamDecl, ParamType};
use hangar_core::cost::{CostEstimate, CostLine, RetainedKind};
use hangar_core::diagram::{Diagram, DiagramEdge, DiagramEdgeKind, DiagramNode, DiagramNodeKind};
use hangar_core::drift::{Setting, SettingDrift};
use hangar_core::graph::spec::{
    AmiSource, CacheSubnetGroupSpec, ContainerSpec, DbParameterGroupSpec, DbSubnetGroupSpec,
    Direction, EcsClusterSpec, EcsServiceSpec, EcsTaskDefinitionSpec, EipSpec, EndpointKind,
    FlowLogDestination, FlowLogSpec, HttpTokens, IamRoleSpec, InlinePeer, InlinePolicy, InlineRule,
    InstanceProfileSpec, InstanceSpec, InternetGatewaySpec, LifecycleAction, LifecycleRule,
    ListenerRuleSpec, ListenerSpec, ListenerTls, LoadBalancerSpec, LogGroupSpec, NatGatewaySpec,
    NoncurrentTransition, OutputSource, RdsInstanceSpec, ReplicationGroupSpec, RootVolume,
    RouteSpec, RouteTableAssociationSpec, RouteTableSpec, RouteTarget, S3BucketSpec,
    SecurityGroupRuleSpec, SecurityGroupSpec, ServiceLoadBalancer, SsmParameterSpec, SubnetSpec,
    TargetGroupSpec, TargetType, UserData, VpcEndpointSpec, VpcSpec,
};
use hangar_core::graph::{Attr, NodeSpec, ResourceGraph, ResourceKind, ResourceNode, Stage};
use hangar_core::plan::{Plan, PlanOutput, PlanStep};
use hangar_core::userdata::{FileContents, HostAction, HostSummary, PublishedPort, ServiceSummary};
use hangar_core::users::{
    FileError, FileErrorKind, PreviewRow, RowError, TextEncoding, UserRow, UsersPreview,
    UsersReport,
};
use hangar_core::warnings::{PlanWarning, PlanWarningKind};

use hangar_engine::RetainedRecord;
use hangar_engine::{
    EnvironmentStatus, Event, JobFailure, JobKind, JobStatus, LogLevel, MfaClosed, MfaRequest,
    NextAction, NextJob, NodeState, OnFailure, ResourceState,
};

use crate::environments::{
    CreateEnvironmentInput, EnvironmentDetail, EnvironmentExpiring, EnvironmentSummary, JobView,
    LogLine, LogTail, ResourceView,
};
use crate::profiles::{
    AccessKeysInput, AssumeRoleInput, AwsConfigInput, AwsConfigProfileView, CallerIdentityView,
    ChainLinkView, ImportResultView, ProfileCredentialsInput, ProfileDetail, SaveProfileInput,
    SaveProfileResult,
};
use crate::team::{AccountEnvironmentView, AccountEnvironments};
use crate::users::{
    EnvironmentUsers, UsersCheckOutcome, UsersFileInfo, UsersImportResult, UsersImportView,
    UsersTarget,
};
use crate::{
    ApiError, AppInfo, BlueprintDetail, BlueprintListItem, BlueprintOrigin, ErrorCode, FirstPaint,
    PlanOutcome, ProfileKind, ProfileSummary, SandboxInfo, SaveOutcome,
};

const HEADER: &str = "// Generated from crates/ipc by `make bindings`. Do not edit by hand.\n";

/// The whole `ui/src/lib/bindings.ts`, one declaration per IPC type, in a fixed order so the
/// staleness check compares like with like.
pub fn typescript_bindings() -> String {
    let cfg = Config::default();
    let decls = [
        ErrorCode::decl(&cfg),
        ApiError::decl(&cfg),
        AppInfo::decl(&cfg),
        FirstPaint::decl(&cfg),
        SandboxInfo::decl(&cfg),
        ProfileKind::decl(&cfg),
        ProfileSummary::decl(&cfg),
        // Profiles: input with the secret (arrives once), identity test, import.
        SaveProfileInput::decl(&cfg),
        ProfileCredentialsInput::decl(&cfg),
        AccessKeysInput::decl(&cfg),
        AssumeRoleInput::decl(&cfg),
        AwsConfigInput::decl(&cfg),
        SaveProfileResult::decl(&cfg),
        ProfileDetail::decl(&cfg),
        CallerIdentityView::decl(&cfg),
        ChainLinkView::decl(&cfg),
        AwsConfigProfileView::decl(&cfg),
        ImportResultView::decl(&cfg),
        // Blueprints, plan, cost and diagram (the model's types come from hangar-core).
        ValidationError::decl(&cfg),
        ParamType::decl(&cfg),
        ParamDecl::decl(&cfg),
        BlueprintOrigin::decl(&cfg),
        BlueprintListItem::decl(&cfg),
        BlueprintDetail::decl(&cfg),
        ResourceKind::decl(&cfg),
        Attr::decl(&cfg),
        OutputSource::decl(&cfg),
        // One typed spec per kind: what the create call sets.
        VpcSpec::decl(&cfg),
        SubnetSpec::decl(&cfg),
        InternetGatewaySpec::decl(&cfg),
        RouteTableSpec::decl(&cfg),
        RouteTarget::decl(&cfg),
        RouteSpec::decl(&cfg),
        RouteTableAssociationSpec::decl(&cfg),
        EipSpec::decl(&cfg),
        NatGatewaySpec::decl(&cfg),
        EndpointKind::decl(&cfg),
        VpcEndpointSpec::decl(&cfg),
        FlowLogDestination::decl(&cfg),
        FlowLogSpec::decl(&cfg),
        InlinePeer::decl(&cfg),
        InlineRule::decl(&cfg),
        SecurityGroupSpec::decl(&cfg),
        Direction::decl(&cfg),
        SecurityGroupRuleSpec::decl(&cfg),
        InlinePolicy::decl(&cfg),
        IamRoleSpec::decl(&cfg),
        InstanceProfileSpec::decl(&cfg),
        HttpTokens::decl(&cfg),
        RootVolume::decl(&cfg),
        AmiSource::decl(&cfg),
        UserData::decl(&cfg),
        InstanceSpec::decl(&cfg),
        DbSubnetGroupSpec::decl(&cfg),
        DbParameterGroupSpec::decl(&cfg),
        RdsInstanceSpec::decl(&cfg),
        CacheSubnetGroupSpec::decl(&cfg),
        ReplicationGroupSpec::decl(&cfg),
        LoadBalancerSpec::decl(&cfg),
        TargetType::decl(&cfg),
        TargetGroupSpec::decl(&cfg),
        ListenerTls::decl(&cfg),
        ListenerRuleSpec::decl(&cfg),
        ListenerSpec::decl(&cfg),
        LogGroupSpec::decl(&cfg),
        LifecycleAction::decl(&cfg),
        LifecycleRule::decl(&cfg),
        NoncurrentTransition::decl(&cfg),
        S3BucketSpec::decl(&cfg),
        SsmParameterSpec::decl(&cfg),
        EcsClusterSpec::decl(&cfg),
        ContainerSpec::decl(&cfg),
        EcsTaskDefinitionSpec::decl(&cfg),
        ServiceLoadBalancer::decl(&cfg),
        EcsServiceSpec::decl(&cfg),
        NodeSpec::decl(&cfg),
        ResourceNode::decl(&cfg),
        ResourceGraph::decl(&cfg),
        PlanStep::decl(&cfg),
        PlanOutput::decl(&cfg),
        PlanWarningKind::decl(&cfg),
        PlanWarning::decl(&cfg),
        FileContents::decl(&cfg),
        HostAction::decl(&cfg),
        PublishedPort::decl(&cfg),
        ServiceSummary::decl(&cfg),
        HostSummary::decl(&cfg),
        CostLine::decl(&cfg),
        CostEstimate::decl(&cfg),
        DiagramNodeKind::decl(&cfg),
        DiagramNode::decl(&cfg),
        DiagramEdgeKind::decl(&cfg),
        DiagramEdge::decl(&cfg),
        Diagram::decl(&cfg),
        Stage::decl(&cfg),
        Plan::decl(&cfg),
        PlanOutcome::decl(&cfg),
        SaveOutcome::decl(&cfg),
        // Users CSV: the check of a file, an import, an environment's users.
        UserRow::decl(&cfg),
        RowError::decl(&cfg),
        TextEncoding::decl(&cfg),
        UsersReport::decl(&cfg),
        FileErrorKind::decl(&cfg),
        FileError::decl(&cfg),
        PreviewRow::decl(&cfg),
        UsersPreview::decl(&cfg),
        UsersFileInfo::decl(&cfg),
        UsersCheckOutcome::decl(&cfg),
        UsersImportView::decl(&cfg),
        UsersImportResult::decl(&cfg),
        EnvironmentUsers::decl(&cfg),
        UsersTarget::decl(&cfg),
        // Environments: the lifecycle values, the list, one environment, jobs and their
        // logs, what may start next, live job events.
        EnvironmentStatus::decl(&cfg),
        ResourceState::decl(&cfg),
        Setting::decl(&cfg),
        SettingDrift::decl(&cfg),
        JobKind::decl(&cfg),
        JobStatus::decl(&cfg),
        LogLevel::decl(&cfg),
        OnFailure::decl(&cfg),
        JobFailure::decl(&cfg),
        RetainedKind::decl(&cfg),
        RetainedRecord::decl(&cfg),
        NextAction::decl(&cfg),
        NextJob::decl(&cfg),
        EnvironmentSummary::decl(&cfg),
        AccountEnvironmentView::decl(&cfg),
        AccountEnvironments::decl(&cfg),
        EnvironmentExpiring::decl(&cfg),
        ResourceView::decl(&cfg),
        JobView::decl(&cfg),
        EnvironmentDetail::decl(&cfg),
        CreateEnvironmentInput::decl(&cfg),
        LogLine::decl(&cfg),
        LogTail::decl(&cfg),
        NodeState::decl(&cfg),
        Event::decl(&cfg),
        MfaRequest::decl(&cfg),
        MfaClosed::decl(&cfg),
    ];
    let mut out = String::from(HEADER);
    for decl in decls {
        out.push('\n');
        out.push_str("export ");
        out.push_str(&decl);
        out.push('\n');
    }
    out.push_str(&kind_labels());
    out
}

/// What a person calls each kind, from the one table that knows it, so the window never words
/// a kind differently from the CLI and the logs.
fn kind_labels() -> String {
    let entries: Vec<String> = ResourceKind::all()
        .map(|k| format!("  {}: {:?},", k.as_str(), k.label()))
        .collect();
    format!(
        "\nexport const KIND_LABELS: Record<ResourceKind, string> = {{\n{}\n}};\n",
        entries.join("\n")
    )
}
