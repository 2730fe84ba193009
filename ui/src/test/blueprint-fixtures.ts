// A small, realistic plan (two AZs, public and private tiers, EC2 + RDS) for component tests.
import type {
  BlueprintDetail,
  BlueprintListItem,
  Diagram,
  InstanceSpec,
  ParamDecl,
  Plan,
  PlanOutcome,
  RdsInstanceSpec,
  SubnetSpec,
  VpcSpec,
} from '../lib/bindings';
import smallDiagram from './fixtures/small-diagram.json';

export const VPC_SPEC: VpcSpec = { cidr_block: '10.0.0.0/16', enable_dns_hostnames: true, enable_dns_support: true };

export function subnetSpec(tier: string, isPublic: boolean): SubnetSpec {
  return {
    vpc: 'vpc.main',
    cidr_block: '10.0.1.0/24',
    availability_zone: 'us-east-1a',
    tier,
    map_public_ip_on_launch: isPublic,
    name: null,
  };
}

export const INSTANCE_SPEC: InstanceSpec = {
  instance_type: 't3.small',
  ami: { parameter: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64' },
  subnet: 'subnet.public-a',
  security_groups: ['security_group.app'],
  http_tokens: 'required',
  http_put_response_hop_limit: 2,
  root_volume: { size_gb: 30, type: 'gp3', encrypted: true },
  associate_public_ip: true,
  detailed_monitoring: false,
  iam_instance_profile: null,
  key_name: null,
  user_data: null,
  users_csv_path: null,
  users_env: null,
  generated_password_env: null,
};

export const RDS_SPEC: RdsInstanceSpec = {
  db_instance_identifier: 'web-db',
  engine: 'postgres',
  engine_version: '15',
  db_instance_class: 'db.t3.micro',
  allocated_storage_gb: 20,
  max_allocated_storage_gb: null,
  storage_type: 'gp3',
  storage_encrypted: true,
  multi_az: false,
  backup_retention_days: 7,
  backup_window: null,
  publicly_accessible: false,
  db_name: 'app',
  master_username: 'app',
  port: 5432,
  db_subnet_group: 'db_subnet_group.postgres',
  security_groups: ['security_group.db'],
  db_parameter_group: null,
  deletion_protection: false,
  final_snapshot: false,
};

// Written by Rust (crates/core/tests/ui_fixtures_fresh.rs) from a real plan, so the diagram
// the components are tested with is one the backend can actually produce.
export const SMALL_DIAGRAM: Diagram = smallDiagram as Diagram;

export const PARAMS: ParamDecl[] = [
  {
    name: 'environment',
    type: 'string',
    description: 'dev or prod sizes.',
    default: 'dev',
    allowed: ['dev', 'prod'],
    min: null,
    max: null,
    envDefaults: {},
  },
  {
    name: 'az_count',
    type: 'int',
    description: 'AZs to spread over.',
    default: '2',
    allowed: [],
    min: 2,
    max: 3,
    envDefaults: {},
  },
  {
    name: 'project',
    type: 'string',
    description: '',
    default: 'demo',
    allowed: [],
    min: null,
    max: null,
    envDefaults: {},
  },
  {
    name: 'admin_cidr',
    type: 'cidr',
    description: 'Who may reach SSH.',
    default: '203.0.113.0/24',
    allowed: [],
    min: null,
    max: null,
    envDefaults: {},
  },
  {
    name: 'db_multi_az',
    type: 'bool',
    description: '',
    default: 'false',
    allowed: [],
    min: null,
    max: null,
    envDefaults: { prod: 'true' },
  },
];

export function planFor(monthlyTotal = 42.5, blueprint = 'web-and-postgres'): Plan {
  return {
    blueprint,
    region: 'us-east-1',
    stage: 'non_prod',
    parameters: {
      environment: 'dev',
      az_count: '2',
      project: 'demo',
      admin_cidr: '203.0.113.0/24',
      db_multi_az: 'false',
    },
    envShortId: null,
    hosts: [],
    graph: {
      nodes: [
        {
          logical: 'subnet.public-a',
          kind: 'subnet',
          properties: subnetSpec('public', true),
          dependsOn: [],
          source: '',
          az: 'us-east-1a',
          subnet: null,
        },
      ],
    },
    steps: [
      { index: 0, logical: 'vpc.main', kind: 'vpc', slow: false, dependsOn: [], properties: VPC_SPEC },
      {
        index: 1,
        logical: 'instance.app',
        kind: 'instance',
        slow: false,
        dependsOn: ['vpc.main'],
        properties: INSTANCE_SPEC,
      },
      {
        index: 2,
        logical: 'rds_instance.postgres',
        kind: 'rds_instance',
        slow: true,
        dependsOn: ['vpc.main'],
        properties: RDS_SPEC,
      },
    ],
    cost: {
      currency: 'USD',
      monthlyTotal,
      lines: [
        {
          logical: 'instance.app',
          kind: 'instance',
          item: 't3.small instance-hours',
          quantity: 730,
          unit: 'hour',
          unitPrice: 0.0208,
          monthly: 15.18,
        },
        {
          logical: 'rds_instance.postgres',
          kind: 'rds_instance',
          item: 'db.t3.micro instance-hours',
          quantity: 730,
          unit: 'hour',
          unitPrice: 0.018,
          monthly: 13.14,
        },
      ],
      notes: ['NAT gateways also charge $0.045/GB of data processed (not estimated).'],
      source: 'AWS public on-demand prices, us-east-1',
    },
    diagram: SMALL_DIAGRAM,
    outputs: [],
    warnings: [],
  };
}

export function validOutcome(monthlyTotal = 42.5): PlanOutcome {
  return { status: 'valid', plan: planFor(monthlyTotal), mermaid: 'flowchart TB\n  vpc_main["VPC 10.0.0.0/16"]\n' };
}

export const BLUEPRINTS: BlueprintListItem[] = [
  {
    name: 'web-and-postgres',
    title: 'Web app and PostgreSQL',
    description: 'VPC with public and private subnets, EC2 and RDS.',
    origin: 'builtin',
    basedOn: null,
    updatedAt: null,
    valid: true,
  },
  {
    name: 'multi-az-three-tier',
    title: 'Multi-AZ three-tier network',
    description: 'Three AZs, ALB, RDS, Redis.',
    origin: 'builtin',
    basedOn: null,
    updatedAt: null,
    valid: true,
  },
  {
    name: 'my-web',
    title: 'My web app',
    description: 'A copy.',
    origin: 'user',
    basedOn: 'web-and-postgres',
    updatedAt: '2025-01-02T03:04:05.000Z',
    valid: true,
  },
];

export const SOURCE = '[blueprint]\nname = "web-and-postgres"\ntitle = "Web app and PostgreSQL"\n';

export function detailFor(name = 'web-and-postgres'): BlueprintDetail {
  const item = BLUEPRINTS.find((b) => b.name === name) ?? BLUEPRINTS[0];
  return {
    name,
    title: item?.title ?? name,
    description: item?.description ?? '',
    origin: item?.origin ?? 'builtin',
    basedOn: item?.basedOn ?? null,
    source: SOURCE.replace('web-and-postgres', name),
    params: PARAMS,
    errors: [],
  };
}
