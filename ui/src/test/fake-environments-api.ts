// The environment commands of the fake `Api` (see fake-api.ts), with fixtures for their answers.
import { vi } from 'vitest';
import type { EnvironmentDetail, EnvironmentStatus, EnvironmentSummary, JobView } from '../lib/bindings';
import type { EnvironmentsApi } from '../lib/environments-api';
import { planFor } from './blueprint-fixtures';

export function summaryOf(
  name: string,
  status: EnvironmentStatus = 'ready',
  overrides: Partial<EnvironmentSummary> = {},
): EnvironmentSummary {
  return {
    name,
    blueprint: 'web-and-postgres',
    region: 'us-east-1',
    profile: 'Sandbox',
    status,
    createdAt: '2025-01-01T10:00:00.000Z',
    updatedAt: '2025-01-01T10:05:00.000Z',
    costPerHour: 0.058,
    costSoFar: 1.25,
    expiresAt: null,
    officeHours: null,
    ...overrides,
  };
}

export function jobOf(id: number, environment: string, overrides: Partial<JobView> = {}): JobView {
  return {
    id,
    environment,
    kind: 'provision',
    status: 'succeeded',
    error: null,
    failures: [],
    startedAt: '2025-01-01T10:00:00.000Z',
    finishedAt: '2025-01-01T10:01:30.000Z',
    ...overrides,
  };
}

/** `nextJobs` is empty unless a test gives it: the engine decides them, not the fixture. */
export function detailOf(
  name: string,
  status: EnvironmentStatus = 'new',
  overrides: Partial<EnvironmentDetail> = {},
): EnvironmentDetail {
  return {
    summary: summaryOf(name, status),
    onFailure: 'keep',
    nextJobs: [],
    parameters: { environment: 'dev' },
    resources: [],
    outputs: {},
    jobs: [],
    retained: [],
    plan: planFor(),
    ...overrides,
  };
}

export function fakeEnvironmentsApi() {
  return {
    listEnvironments: vi.fn<EnvironmentsApi['listEnvironments']>(async () => []),
    getEnvironment: vi.fn<EnvironmentsApi['getEnvironment']>(async (name) => detailOf(name)),
    createEnvironment: vi.fn<EnvironmentsApi['createEnvironment']>(async (input) => summaryOf(input.name, 'new')),
    extendEnvironment: vi.fn<EnvironmentsApi['extendEnvironment']>(async (name) => summaryOf(name)),
    setOfficeHours: vi.fn<EnvironmentsApi['setOfficeHours']>(async (name, hours) => ({
      ...summaryOf(name),
      officeHours: hours === 'off' ? null : hours,
    })),
    runJob: vi.fn<EnvironmentsApi['runJob']>(async (kind, name) => jobOf(1, name, { kind })),
    jobLogs: vi.fn<EnvironmentsApi['jobLogs']>(async () => []),
    jobLogTail: vi.fn<EnvironmentsApi['jobLogTail']>(async () => ({ lines: [], earlier: false })),
    jobHistory: vi.fn<EnvironmentsApi['jobHistory']>(async () => []),
    interruptedJobs: vi.fn<EnvironmentsApi['interruptedJobs']>(async () => []),
    environmentPassword: vi.fn<EnvironmentsApi['environmentPassword']>(async () => 'Generated0Password0For0The0Test'),
    accountEnvironments: vi.fn<EnvironmentsApi['accountEnvironments']>(async () => ({
      teamMode: false,
      location: null,
      environments: [],
    })),
    adoptEnvironment: vi.fn<EnvironmentsApi['adoptEnvironment']>(async (name) => summaryOf(name, 'ready')),
    setTeamMode: vi.fn<EnvironmentsApi['setTeamMode']>(async () => {}),
    onEnvironmentsChanged: vi.fn<EnvironmentsApi['onEnvironmentsChanged']>(async () => () => {}),
    onEnvironmentExpiring: vi.fn<EnvironmentsApi['onEnvironmentExpiring']>(async () => () => {}),
  };
}
