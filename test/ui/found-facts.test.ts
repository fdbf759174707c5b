/**
 * The scan screen's verification row: verification run in the repository, verification only shown
 * to users in its README or docs (not the same thing: nothing enforces it), or neither.
 */
import { describe, expect, it } from 'vitest';
import { foundFacts } from '../../src/ui/found-facts.js';
import { keylessScan } from './fixtures.js';

const verificationRow = (scan: ReturnType<typeof keylessScan>, lang: 'en' | 'ja') => foundFacts(scan, lang)[3];

describe('found facts: verification', () => {
  it('documented verification is shown as such, never as "signatures are verified"', () => {
    const scan = keylessScan();
    scan.facts.verificationDocumented = true;
    scan.evidence.push({ id: 'E9', file: 'README.md', line: 19, excerpt: 'cosign verify ghcr.io/acme/app:1.0.0 \\', detector: 'verificationIsDocumented', confidence: 'high' });
    scan.findings.push({ detector: 'verificationIsDocumented', fact: 'verificationDocumented', value: true, evidence: ['E9'] });
    expect(verificationRow(scan, 'en')).toMatchObject({ value: 'users are told how to verify (README or docs); nothing here enforces it', where: expect.stringContaining('README.md:19') });
    expect(verificationRow(scan, 'ja')?.value).toContain('検証手順');
    scan.facts.verifies = true;
    expect(verificationRow(scan, 'en')?.value).toBe('signatures are verified');
  });

  it('neither', () => {
    expect(verificationRow(keylessScan(), 'en')?.value).toBe('no verification step found');
  });
});
