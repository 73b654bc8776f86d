// The saved plan set: versioned, resumable by part, and an old single-model plan taken as a set of one.
import { describe, expect, it } from 'vitest';
import { createMemoryKeyValue } from '../../../src/app/lib/pure/key-value';
import {
  ACTIVE_PLAN_SET_KEY,
  describePlanSet,
  parsePlanSet,
  planSetOf,
  planSetStoreOn,
  scheduleOf,
  withDone,
} from '../../../src/app/lib/pure/plan-set';
import { ACTIVE_PLAN_KEY, buildRunPlan } from '../../../src/app/lib/pure/run-plan';
import { makeUserModel } from '../../../src/app/lib/pure/user-model';
import { setupChoice } from './setup-choice';

const user = makeUserModel('http://127.0.0.1:9000/models/tiny-vl/', 'fp32');
const local = buildRunPlan(setupChoice({ browserModel: user.id, benchmarks: ['vqa-rad', 'slake'] }), [user], false);
const remote = (servedName: string) =>
  buildRunPlan(
    setupChoice({
      target: 'remote',
      remoteModel: '',
      benchmarks: ['vqa-rad', 'slake'],
      remote: { endpoints: ['http://gpu:8000/v1'], servedName, concurrency: 2 },
    }),
    [],
    false,
  );

describe('plan sets', () => {
  it('schedules in-browser parts one after another and server parts together, skipping completed ones', () => {
    const set = planSetOf([remote('a'), local, remote('b'), local]);
    expect(scheduleOf(set)).toEqual({ local: [1, 3], remote: [0, 2] });
    expect(scheduleOf(withDone(withDone(set, 2), 1))).toEqual({ local: [3], remote: [0] });
    expect(describePlanSet(set)).toBe(`a, ${local.modelLabel}, b, ${local.modelLabel} × vqa-rad, slake`);
  });

  it('round-trips through storage and refuses unknown or broken shapes', () => {
    const kv = createMemoryKeyValue();
    const store = planSetStoreOn(kv);
    const set = withDone(planSetOf([remote('a'), local]), 0);
    store.save(set);
    expect(store.load()).toEqual(set);
    expect(parsePlanSet({ ...set, version: 3 })).toBeNull();
    expect(parsePlanSet({ ...set, version: undefined })).toBeNull();
    expect(parsePlanSet({ ...set, models: [] })).toBeNull();
    expect(parsePlanSet({ ...set, models: [{ ...local, target: 'cloud' }] })).toBeNull();
    expect(parsePlanSet({ ...set, done: [5] })).toBeNull();
    expect(parsePlanSet([set])).toBeNull();
    expect(planSetStoreOn(createMemoryKeyValue({ [ACTIVE_PLAN_SET_KEY]: { version: 1 } })).load()).toBeNull();
    store.clear();
    expect(kv.entries.size).toBe(0);
  });

  it("takes the previous version's unfinished single-model plan as a set of one, and replaces it on save", () => {
    const kv = createMemoryKeyValue({ [ACTIVE_PLAN_KEY]: local });
    const store = planSetStoreOn(kv);
    expect(store.load()).toEqual(planSetOf([local]));
    store.save(planSetOf([local]));
    expect(kv.read(ACTIVE_PLAN_KEY)).toBeUndefined();
    expect(planSetStoreOn(createMemoryKeyValue({ [ACTIVE_PLAN_KEY]: { target: 'x' } })).load()).toBeNull();
  });
});
