/** What a scan cannot see, said in the report's language: limits are codes with variables, not English text. */
import { describe, expect, it } from 'vitest';
import { scanDirectory } from '../../src/detect/scan.js';
import { LIMIT_CODES, limitMessage, warningText } from '../../src/i18n/limit-messages.js';

const VARS = {
  count: '2', artifact: 'Maven artifacts', artifactKind: 'package', at: 'pom.xml:37', key: 'test.key', name: 'chains-config',
  include: 'remote', what: 'https://example.com/ci.yml', job: 'deploy', project: 'group/other', jobs: '1', names: '"release"',
  ref: 'org/repo/.github/workflows/r.yml@v1', library: 'shared-lib', template: 'templates/build.yml@other',
};

describe('limit messages', () => {
  it.each(LIMIT_CODES)('%s reads whole in English and Japanese', (code) => {
    const en = limitMessage('en', code, VARS);
    const ja = limitMessage('ja', code, VARS);
    for (const text of [en, ja]) expect(text).not.toMatch(/undefined|\$\{/);
    expect(ja).toMatch(/[ぁ-んァ-ン]/);
    expect(ja).not.toMatch(/cannot be (inspected|seen)|are not counted/);
  });

  it('a scan records each limit with its code, and a Japanese report says it in Japanese', async () => {
    const scan = await scanDirectory('test/fixtures/repos/maven-release-elsewhere');
    const limits = scan.warnings.filter((w) => w.kind === 'limit');
    expect(limits.length).toBeGreaterThan(0);
    for (const w of limits) {
      expect(w.code, w.message).toBeDefined();
      expect(warningText(w, 'en')).toBe(w.message);
      expect(warningText(w, 'ja')).toMatch(/[ぁ-ん]/);
    }
    expect(limits.map((w) => warningText(w, 'ja')).join('\n')).toContain('Maven の成果物');
  });
});
