import { describe, expect, it } from 'vitest';
import { createPeriodicJobs } from '../src/jobs/periodic.js';

describe('periodic jobs', () => {
  it('runs again after a failure, logs the error by type only, never overlaps, and stop() waits for the run', async () => {
    const logged: Array<[string, object]> = [];
    const jobs = createPeriodicJobs({ info: (o, m) => logged.push([m, o]), error: (o, m) => logged.push([m, o]) });
    let inFlight = 0;
    let maxInFlight = 0;
    let runs = 0;
    const third = new Promise<void>((resolve) => {
      jobs.add(
        'probe',
        1,
        async () => {
          inFlight += 1;
          maxInFlight = Math.max(maxInFlight, inFlight);
          runs += 1;
          await new Promise((r) => setTimeout(r, 5));
          inFlight -= 1;
          if (runs === 1) throw Object.assign(new Error('secret detail'), { code: 'E_TEST' });
          return { moved: runs };
        },
        { worthLogging: (result) => result.moved > 2, onRun: (result) => result.moved >= 3 && resolve() },
      );
    });
    await third;
    await jobs.stop();
    const after = runs;
    await new Promise((r) => setTimeout(r, 20));
    expect(runs).toBe(after); // nothing runs after stop
    expect(maxInFlight).toBe(1);
    expect(logged[0]).toEqual(['probe run failed; it will run again', { job: 'probe', error: { type: 'Error', code: 'E_TEST' } }]);
    expect(JSON.stringify(logged)).not.toContain('secret detail');
    expect(logged.filter(([m]) => m === 'probe run finished').map(([, o]) => o)).toContainEqual({ job: 'probe', moved: 3 });
    expect(logged.some(([, o]) => (o as { moved?: number }).moved === 2)).toBe(false);
  });
});
