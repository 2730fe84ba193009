import { describe, expect, it, vi } from 'vitest';
import type { Event as JobEvent, NodeState } from '../bindings';
import { createBatcher } from './batcher';
import { applyEvents, newJob, statesFromResources } from './job-state';
import { liveJob, runLiveJob, setLiveJobs } from './live-jobs.svelte';

const node = (logical: string, state: NodeState, error: string | null = null): JobEvent => ({
  type: 'node',
  logical,
  kind: logical.split('.')[0] ?? '',
  state,
  awsId: state === 'ready' ? `id-${logical}` : null,
  error,
});

describe('event batching', () => {
  it('delivers everything pushed before a frame as one batch, once per frame', () => {
    const frames: (() => void)[] = [];
    const deliver = vi.fn();
    const batcher = createBatcher<number>(deliver, (run) => frames.push(run));
    for (let i = 0; i < 1000; i += 1) batcher.push(i);
    expect(frames).toHaveLength(1);
    expect(deliver).not.toHaveBeenCalled();
    frames[0]?.();
    expect(deliver).toHaveBeenCalledOnce();
    expect(deliver.mock.calls[0]?.[0]).toHaveLength(1000);
    batcher.push(1000);
    expect(frames).toHaveLength(2);
  });

  it('folds a batch into node states, n of N, failures with their reason, and the log', () => {
    const events: JobEvent[] = [
      { type: 'jobStarted', jobId: 7, kind: 'provision', total: 3 },
      node('vpc.main', 'pending'),
      node('subnet.a', 'pending'),
      node('instance.app', 'pending'),
      { type: 'progress', done: 0, total: 3 },
      node('vpc.main', 'creating'),
      node('vpc.main', 'ready'),
      { type: 'progress', done: 1, total: 3 },
      { type: 'log', level: 'info', source: 'vpc.main', message: 'ready: vpc-1' },
      node('subnet.a', 'creating'),
      node('subnet.a', 'failed', 'InvalidSubnet.Conflict: the CIDR overlaps'),
      { type: 'jobFinished', jobId: 7, status: 'failed', error: 'subnet.a: overlaps', failures: [], retained: [] },
    ];
    const { state, lines } = applyEvents(newJob('provision', 0), events, 5000);
    expect(state.jobId).toBe(7);
    expect(state.states).toEqual({ 'vpc.main': 'ready', 'subnet.a': 'failed', 'instance.app': 'pending' });
    expect(state.awsIds['vpc.main']).toBe('id-vpc.main');
    expect([state.done, state.total]).toEqual([1, 3]);
    expect(state.failures).toEqual([
      { logical: 'subnet.a', kind: 'subnet', error: 'InvalidSubnet.Conflict: the CIDR overlaps', awsCode: null },
    ]);
    expect(lines.map((l) => l.message)).toEqual(['ready: vpc-1']);
    expect([state.status, state.error, state.finishedAt]).toEqual(['failed', 'subnet.a: overlaps', 5000]);
  });

  it('a retried node stops being a failure; a teardown colours nodes deleting then deleted', () => {
    let { state } = applyEvents(newJob('resume', 0), [node('subnet.a', 'failed', 'boom')]);
    ({ state } = applyEvents(state, [node('subnet.a', 'creating')]));
    expect(state.failures).toEqual([]);
    ({ state } = applyEvents(newJob('teardown', 0, { 'vpc.main': 'ready' }), [
      { type: 'jobStarted', jobId: 8, kind: 'teardown', total: 1 },
      node('vpc.main', 'deleting'),
    ]));
    expect(state.states['vpc.main']).toBe('deleting');
    ({ state } = applyEvents(state, [node('vpc.main', 'deleted'), { type: 'progress', done: 1, total: 1 }]));
    expect(state.states['vpc.main']).toBe('deleted');
    expect(state.done).toBe(1);
  });

  it('a live job reaches the store once per frame, however many events arrive', async () => {
    const frames: (() => void)[] = [];
    let send: (e: JobEvent) => void = () => {};
    let finish: () => void = () => {};
    const api = {
      runJob: vi.fn((_kind: string, name: string, onEvent: (e: JobEvent) => void) => {
        send = onEvent;
        return new Promise<never>((resolve) => {
          finish = () =>
            resolve({
              id: 1,
              environment: name,
              kind: 'provision',
              status: 'succeeded',
              error: null,
              startedAt: '',
              finishedAt: '',
            } as never);
        });
      }),
    };
    const done = runLiveJob(api, 'provision', 'demo', {}, (run) => frames.push(run));
    const started = liveJob('demo');
    send({ type: 'jobStarted', jobId: 1, kind: 'provision', total: 2 });
    for (const logical of ['vpc.main', 'subnet.a']) {
      send(node(logical, 'creating'));
      send(node(logical, 'ready'));
      send({ type: 'log', level: 'info', source: logical, message: 'ready' });
    }
    expect(liveJob('demo')).toBe(started);
    expect(started?.log.version).toBe(0);
    frames.forEach((run) => run());
    const live = liveJob('demo');
    expect(live).not.toBe(started);
    expect(live?.state.states).toEqual({ 'vpc.main': 'ready', 'subnet.a': 'ready' });
    expect(live?.log).toHaveLength(2);
    // One batch, one change: the log grew once, however many lines it brought.
    expect(live?.log.version).toBe(1);
    send({ type: 'jobFinished', jobId: 1, status: 'succeeded', error: null, failures: [], retained: [] });
    finish();
    await done;
    setLiveJobs();
  });
});

describe('stored failures', () => {
  it('replace the node events at the end of the job, with AWS codes, and keep the job-level ones apart', () => {
    const { state } = applyEvents(newJob('provision', 0), [
      node('instance.app', 'failed', 'RunInstances: InsufficientInstanceCapacity: none left'),
      {
        type: 'jobFinished',
        jobId: 2,
        status: 'failed',
        error: 'instance.app: RunInstances: InsufficientInstanceCapacity: none left; a create task stopped',
        failures: [
          {
            node: 'instance.app',
            kind: 'instance',
            awsCode: 'InsufficientInstanceCapacity',
            message: 'RunInstances: InsufficientInstanceCapacity: none left',
          },
          { node: null, kind: null, awsCode: null, message: 'a create task stopped' },
        ],
        retained: [],
      },
    ]);
    expect(state.failures).toEqual([
      {
        logical: 'instance.app',
        kind: 'instance',
        error: 'RunInstances: InsufficientInstanceCapacity: none left',
        awsCode: 'InsufficientInstanceCapacity',
      },
    ]);
    expect(state.jobErrors).toEqual(['a create task stopped']);
  });
});

describe('statesFromResources', () => {
  it('colours every planned node from the journal; nothing recorded is pending', () => {
    expect(
      statesFromResources(
        ['vpc.main', 'subnet.a', 'instance.app'],
        [
          { logical: 'vpc.main', state: 'deleted' },
          { logical: 'subnet.a', state: 'ready' },
        ],
      ),
    ).toEqual({ 'vpc.main': 'deleted', 'subnet.a': 'ready', 'instance.app': 'pending' });
  });
});
