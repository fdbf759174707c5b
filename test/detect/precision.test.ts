/**
 * Precision items of issue 10 that live in the tool registry and custody: ad-hoc codesign is not
 * signing; custody comes only from the signing step's own secrets and key references; verifying with
 * cosign names cosign among the tools without counting as signing.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recogniseLine } from '../../src/detect/commands.js';
import { scanDirectory } from '../../src/detect/scan.js';

const repo = (name: string): string => join(import.meta.dirname, '..', 'fixtures', 'repos', name);

describe('ad-hoc codesign', () => {
  it.each([
    ['codesign --force -s - tools/protoc/bin/protoc'],
    ['codesign -s - --deep build/helper.app'],
    ['codesign --sign - ./bin/tool'],
  ])('%s signs nothing', (line) => {
    expect(recogniseLine(line).map((r) => r.rec.kind)).toEqual([]);
  });

  it('a real identity still signs', () => {
    expect(recogniseLine('codesign --force -s "$APPLE_ID" --options runtime dist/app').map((r) => r.rec)).toMatchObject([{ kind: 'sign', tool: 'codesign' }]);
  });

  it('a keyless release with an ad-hoc signed build tool and a tunnel certificate stays keyless', async () => {
    const r = await scanDirectory(repo('codesign-adhoc-keyless'));
    expect(r.facts.tools).toEqual(['cosign']);
    expect(r.facts.keyCustody).toEqual(['keyless']);
    expect(r.evidence.filter((e) => e.line === 20 || e.line === 24)).toEqual([]);
  });
});

describe('custody from the signing step only', () => {
  it('a secret in another step of the job is not the signing key', async () => {
    const r = await scanDirectory(repo('custody-own-step'));
    expect(r.facts.keyCustody).toEqual(['unknown']);
    expect(r.evidence.filter((e) => e.line === 21)).toEqual([]);
  });

  it('a key path exported through $GITHUB_ENV by the step that decodes the secret keeps its custody', async () => {
    const r = await scanDirectory(repo('windows-macos-signing'));
    expect(r.facts.keyCustody).toEqual(['ci-secret']);
    expect(r.evidence.some((e) => e.line === 25 && e.detector === 'signingKeyIsInCiSecret')).toBe(true);
  });
});

describe('verification only', () => {
  it('cosign-installer and cosign verify: verification with cosign among the tools, not signing', async () => {
    const r = await scanDirectory(repo('verify-only-kyverno'));
    expect(r.facts).toMatchObject({ signs: false, verifies: true, tools: ['cosign'], artifactsSigned: [], keyCustody: [] });
  });
});
