import { describe, expect, it } from 'vitest';
import { assess, evalCondition, questionStates, type AnswerSource, type AnswerValues } from '../../src/assess/assess.js';
import { loadBank } from '../../src/model/bank.js';

const bank = loadBank();

// The smallest answer sets that reach each level with the built-in bank.
const L1: AnswerValues = { 'COV-2': 'some', 'GOV-1': 'written', 'CUS-2': 'known-not-written' };
const L2: AnswerValues = { ...L1, 'KEY-1': 'cloud-kms', 'CUS-1': 'restricted-documented', 'AUD-1': 'central', 'AUD-2': 'central-service' };
const L3: AnswerValues = {
  ...L2, 'COV-2': 'all', 'AUT-1': 'ci-release', 'AUT-2': 'all-blocked', 'CUS-1': 'pipeline-only', 'VER-2': 'admission-control',
  // "governed": someone watches the trail, keys rotate and revoke, a compromise has a plan
  'AUD-4': 'alerts-central-log', 'GOV-2': 'documented', 'GOV-3': 'documented',
};
const with_ = (base: AnswerValues, change: AnswerValues): AnswerValues => {
  const out: Record<string, string | string[] | undefined> = { ...base, ...change };
  for (const [k, v] of Object.entries(change)) if (v === undefined) delete out[k];
  return out;
};
const missing = (answers: AnswerValues) => assess(bank, answers).criteria.filter((c) => !c.met).map((c) => c.id);

describe('level boundaries', () => {
  const table: [string, AnswerValues, number][] = [
    ['no answers', {}, 0],
    ['nothing signed', { 'COV-2': 'none', 'GOV-1': 'written' }, 0],
    ['minimal level 1', L1, 1],
    ['level 1 without a written procedure', with_(L1, { 'GOV-1': 'tribal' }), 0],
    ['level 1 without knowing who holds keys', with_(L1, { 'CUS-2': 'unknown' }), 0],
    ['minimal level 2', L2, 2],
    ['level 2 with keys in a CI secret', with_(L2, { 'KEY-1': 'ci-secret' }), 1],
    ['level 2 with no central platform', with_(L2, { 'AUD-2': 'partial' }), 1],
    ['level 2 with a central platform but no audit log', with_(L2, { 'AUD-1': 'local' }), 1],
    ['level 2 with undocumented access', with_(L2, { 'CUS-1': 'named-people' }), 1],
    ['minimal level 3 (KMS key only the pipeline can use)', L3, 3],
    ['level 3 without verification at deploy', with_(L3, { 'VER-2': 'documented-for-users' }), 2],
    ['level 3 with unsigned publishing not blocked', with_(L3, { 'AUT-2': 'all-pipelines' }), 2],
    ['level 3 signing by hand', with_(L3, { 'AUT-1': 'by-hand' }), 2],
    ['level 3 with only most deliverables signed', with_(L3, { 'COV-2': 'most' }), 2],
    ['level 3 with KMS keys people can use', with_(L3, { 'CUS-1': 'restricted-documented' }), 2],
    ['level 3 without an audit trail', with_(L3, { 'AUD-1': 'local' }), 1],
    ['level 3 with an unmonitored transparency log', with_(L3, { 'AUD-1': 'transparency-log' }), 2],
    ['level 3 where nobody would notice a rogue signature', with_(L3, { 'AUD-4': 'none' }), 2],
    ['level 3 without key rotation', with_(L3, { 'GOV-2': 'none' }), 2],
    ['level 3 without a compromise plan', with_(L3, { 'GOV-3': 'ad-hoc' }), 2],
  ];
  it.each(table)('%s → level %i', (_name, answers, level) => {
    expect(assess(bank, answers).level).toBe(level);
  });

  it('is cumulative: level 3 criteria alone do not make level 3', () => {
    const onlyL3 = with_(L3, { 'GOV-1': 'none' });
    const result = assess(bank, onlyL3);
    expect(result.level).toBe(0);
    expect(result.criteria.find((c) => c.id === 'L3.verify-enforced')?.met).toBe(true);
  });
});

describe('alternatives that satisfy a criterion', () => {
  const keyless = with_(L2, { 'KEY-1': 'no-long-lived-keys', 'CUS-1': 'no-keys' });
  it.each([
    ['cloud KMS', 'cloud-kms'], ['Vault', 'vault'], ['HSM', 'hsm'], ['keyless (no long-lived keys)', 'no-long-lived-keys'],
  ])('keys protected by %s', (_n, value) => {
    expect(missing(with_(L2, { 'KEY-1': value }))).not.toContain('L2.keys-protected');
  });
  it.each([['developer machine', 'developer-machine'], ['shared file', 'shared-file'], ['CI secret', 'ci-secret']])(
    'keys not protected on a %s', (_n, value) => {
      expect(missing(with_(L2, { 'KEY-1': value }))).toContain('L2.keys-protected');
    });

  it('keyless satisfies key protection and no long-lived keys', () => {
    const m = missing(keyless);
    expect(m).not.toContain('L2.keys-protected');
    expect(m).not.toContain('L3.no-long-lived-keys');
  });

  it('"all signing is keyless" satisfies key protection when no answer contradicts it', () => {
    const answers = with_(L2, { 'KEY-1': undefined, 'KLS-1': 'all' });
    expect(missing(answers)).not.toContain('L2.keys-protected');
    expect(missing(with_(answers, { 'KEY-1': 'ci-secret' }))).toContain('L2.keys-protected');
  });

  it.each([['deploy pipeline', 'deploy-pipeline'], ['admission control', 'admission-control']])(
    'verification enforced by %s', (_n, value) => {
      expect(missing(with_(L3, { 'VER-2': value }))).not.toContain('L3.verify-enforced');
    });

  it.each([['central trail', 'central'], ['monitored transparency log', 'transparency-log-monitored']])(
    'auditable through a %s only when governed: procedure, rotation, compromise plan, someone watching', (_n, value) => {
      expect(missing(with_(L3, { 'AUD-1': value }))).not.toContain('L3.auditable');
      for (const ungoverned of [{ 'GOV-1': 'tribal' }, { 'GOV-2': 'none' }, { 'GOV-3': 'none' }, { 'AUD-4': 'none' }, { 'GOV-3': undefined }]) {
        expect(missing(with_(L3, { 'AUD-1': value, ...ungoverned })), JSON.stringify(ungoverned)).toContain('L3.auditable');
      }
    });

  it('an unmonitored transparency log does not make signing auditable', () => {
    expect(missing(with_(L3, { 'AUD-1': 'transparency-log' }))).toContain('L3.auditable');
  });

  it('keyless meets "access restricted" only when the team states the signing identity is restricted', () => {
    expect(missing(with_(L2, { 'KEY-1': 'no-long-lived-keys', 'CUS-1': 'no-keys' }))).toContain('L2.access-restricted');
    expect(missing(with_(L2, { 'KEY-1': 'no-long-lived-keys', 'CUS-1': 'keyless-restricted' }))).not.toContain('L2.access-restricted');
  });

  it('every signed-in-CI alternative: release or every build', () => {
    for (const value of ['ci-release', 'ci-every-build']) expect(missing(with_(L3, { 'AUT-1': value }))).not.toContain('L3.all-signed-in-ci');
    for (const value of ['by-hand', 'script-run-by-person']) expect(missing(with_(L3, { 'AUT-1': value }))).toContain('L3.all-signed-in-ci');
  });
});

describe('unsure and skipped answers', () => {
  it('"unsure" satisfies nothing, scores 0 and is an open item', () => {
    const answers = with_(L1, { 'GOV-1': 'unsure' });
    const result = assess(bank, answers);
    expect(result.level).toBe(0);
    expect(result.open).toEqual(['GOV-1']);
    expect(result.dimensions.find((d) => d.id === 'governance')?.score).toBe(0);
    const procedure = result.criteria.find((c) => c.id === 'L1.procedure')!;
    expect(procedure.candidates).toContainEqual({ id: 'GOV-1', status: 'unsure', value: 'unsure', source: 'stated' });
    expect(procedure.status).toBe('open');
  });

  it('nothing signed skips the custody questions, and their stale answers count for nothing', () => {
    const answers = with_(L2, { 'COV-2': 'none' });
    const states = questionStates(bank, answers);
    for (const id of ['KEY-1', 'CUS-1', 'CUS-2', 'AUT-1', 'COV-3', 'GOV-2']) {
      expect(states.find((s) => s.id === id)?.status, id).toBe('skipped');
    }
    const result = assess(bank, answers);
    expect(result.level).toBe(0);
    expect(result.criteria.find((c) => c.id === 'L2.keys-protected')?.met).toBe(false);
    // a skipped question is left out of its dimension, not scored 0
    expect(result.dimensions.find((d) => d.id === 'key-protection')?.applicable).toBe(0);
  });

  it('gaps list, for each level above the current one, the missing criteria and the answers behind them', () => {
    const result = assess(bank, with_(L1, { 'KEY-1': 'ci-secret' }));
    expect(result.gaps.map((g) => g.level)).toEqual([2, 3]);
    const keys = result.gaps[0]!.missing.find((c) => c.id === 'L2.keys-protected')!;
    expect(keys.candidates).toContainEqual({ id: 'KEY-1', status: 'answered', value: 'ci-secret', source: 'stated' });
    expect(keys.candidates.map((c) => c.id)).toContain('KLS-1');
    expect(assess(bank, L3).gaps).toEqual([]);
  });
});

describe('dimension scores', () => {
  it('a dimension is as strong as its weakest answered question', () => {
    const result = assess(bank, { 'GOV-1': 'written-versioned', 'GOV-3': 'ad-hoc' });
    const governance = result.dimensions.find((d) => d.id === 'governance')!;
    expect(governance.score).toBe(1);
    expect(governance.answered).toBe(2);
  });

  it('a multi-select question scores its strongest selected option', () => {
    const result = assess(bank, { 'PRV-1': ['sbom', 'provenance'] });
    expect(result.dimensions.find((d) => d.id === 'provenance')?.score).toBe(2);
  });

  it('the provenance dimension is advisory and never gates a level', () => {
    const result = assess(bank, { ...L3, 'PRV-1': ['none'], 'PRV-2': 'none' });
    expect(result.level).toBe(3);
    expect(result.dimensions.find((d) => d.id === 'provenance')?.advisory).toBe(true);
  });
});

describe('conditions', () => {
  it('evaluates nested allOf/anyOf/not over single and multi answers', () => {
    const answers = { A: 'x', B: ['p', 'q'] };
    expect(evalCondition({ question: 'B', in: ['q'] }, answers)).toBe(true);
    expect(evalCondition({ allOf: [{ question: 'A', in: ['x'] }, { not: { question: 'B', in: ['z'] } }] }, answers)).toBe(true);
    expect(evalCondition({ anyOf: [{ question: 'A', in: ['y'] }, { question: 'C', in: ['x'] }] }, answers)).toBe(false);
  });
});

describe('evidence-grade scoring: where each answer came from', () => {
  const sources = (answers: AnswerValues, source: AnswerSource): Record<string, AnswerSource> =>
    Object.fromEntries(Object.keys(answers).map((id) => [id, source]));
  const statusOf = (answers: AnswerValues, src: Record<string, AnswerSource>, id: string) =>
    assess(bank, answers, src).criteria.find((c) => c.id === id)!;

  it('answers with no source are the team\'s own (stated)', () => {
    expect(assess(bank, L3).level).toBe(3);
    expect(assess(bank, L3, sources(L3, 'stated')).level).toBe(3);
  });

  it('confirmed answers count like stated ones', () => {
    expect(assess(bank, L3, sources(L3, 'confirmed')).level).toBe(3);
  });

  it('detected answers alone reach no assessed level, and never meet a criterion that needs the team', () => {
    const result = assess(bank, L3, sources(L3, 'detected'));
    expect(result.level).toBe(0);
    expect(result.detectedLevel).toBe(0);
    for (const c of result.criteria) {
      expect(c.met, c.id).toBe(false);
      expect(c.status, c.id).toBe(c.proof === 'repository' ? 'met-detected' : 'open');
      if (c.proof === 'team') expect(c.needsTeam, c.id).toBe(true);
    }
  });

  it('the criteria the control asks an interview or a document for need the team', () => {
    const team = bank.criteria.filter((c) => c.proof === 'team').map((c) => c.id);
    expect(team).toEqual(['L1.procedure', 'L1.custody-known', 'L2.central-platform', 'L2.access-restricted', 'L3.auditable']);
  });

  it('a detected answer that would meet a repository criterion shows as met-detected with its source', () => {
    const answers = { ...L1, 'KEY-1': 'cloud-kms' };
    const keys = statusOf(answers, { ...sources(L1, 'stated'), 'KEY-1': 'detected' }, 'L2.keys-protected');
    expect(keys.status).toBe('met-detected');
    expect(keys.met).toBe(false);
    expect(keys.metBy).toEqual([{ question: 'KEY-1', value: 'cloud-kms', source: 'detected' }]);
  });

  it('the team\'s stated procedure with detected signing: level 0 assessed, level 1 shown by the repository', () => {
    const src = { 'COV-2': 'detected', 'GOV-1': 'stated', 'CUS-2': 'stated' } as const;
    const result = assess(bank, L1, src);
    expect(result.level).toBe(0);
    expect(result.detectedLevel).toBe(1);
    expect(result.criteria.find((c) => c.id === 'L1.signed')!.status).toBe('met-detected');
    expect(assess(bank, L1, { ...src, 'COV-2': 'confirmed' }).level).toBe(1);
  });

  it('a condition read on a detected answer does not make a criterion met', () => {
    // COV-2 "all" meets L3.all-signed-in-ci only when AUT-1 and AUT-2 hold; AUT-1 merely detected
    const src = { ...sources(L3, 'stated'), 'AUT-1': 'detected' as const };
    expect(statusOf(L3, src, 'L3.all-signed-in-ci').status).toBe('met-detected');
    expect(assess(bank, L3, src).level).toBe(2);
  });

  it('skipped questions leave a criterion open, never met', () => {
    const result = assess(bank, { 'COV-2': 'none', 'CUS-2': 'written-inventory', 'GOV-1': 'written' });
    const custody = result.criteria.find((c) => c.id === 'L1.custody-known')!;
    expect(custody.candidates.find((q) => q.id === 'CUS-2')!.status).toBe('skipped');
    expect(custody.status).toBe('open');
    expect(result.criteria.find((c) => c.id === 'L1.signed')!.status).toBe('missed');
  });

  it('missed when every question behind it is answered by the team, open while one is pending', () => {
    expect(statusOf({ 'GOV-1': 'tribal' }, {}, 'L1.procedure').status).toBe('missed');
    expect(statusOf({}, {}, 'L1.procedure').status).toBe('open');
    // a team criterion with only a detected answer is not settled
    expect(statusOf({ 'GOV-1': 'tribal' }, { 'GOV-1': 'detected' }, 'L1.procedure').status).toBe('open');
    // a condition on an unanswered question leaves it open: COV-2 all, AUT-2 not answered
    expect(statusOf({ 'COV-2': 'all', 'AUT-1': 'ci-release' }, {}, 'L3.all-signed-in-ci').status).toBe('open');
    expect(statusOf({ 'COV-2': 'all', 'AUT-1': 'ci-release', 'AUT-2': 'some-pipelines' }, {}, 'L3.all-signed-in-ci').status).toBe('missed');
  });

  it('gaps above the assessed level hold every criterion not met, detected ones included', () => {
    const result = assess(bank, L2, { ...sources(L2, 'stated'), 'KEY-1': 'detected' });
    expect(result.level).toBe(1);
    expect(result.gaps[0]!.missing.map((c) => `${c.id}:${c.status}`)).toEqual(['L2.keys-protected:met-detected']);
  });
});
