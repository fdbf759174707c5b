/**
 * The Verification section's tables: repository text with a table's own characters (`|`) stays in
 * its cell, in the report and in the portfolio.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryReader } from '../../src/detect/reader/memory-reader.js';
import { scanRepository } from '../../src/detect/scan.js';
import { verificationView } from '../../src/report/verification-view.js';
import { verificationMarkdown } from '../../src/portfolio/render-verification.js';
import { crossVerify } from '../../src/portfolio/cross-verify.js';

/** Cells of a Markdown table row: split on `|` not preceded by a backslash that is itself unescaped. */
function cells(row: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < row.length; i++) {
    const c = row[i]!;
    if (c === '\\' && i + 1 < row.length) {
      cur += c + row[i + 1];
      i++;
    } else if (c === '|') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.slice(1, -1);
}

const workflow = [
  'on: {push: {tags: ["v*"]}}',
  'jobs:',
  '  release:',
  '    runs-on: ubuntu-latest',
  '    permissions: {id-token: write}',
  '    steps:',
  '      - run: cosign sign --yes ghcr.io/acme/app@sha256:0000',
  '      - run: cosign verify --certificate-identity-regexp "^https://github.com/acme/(app|web)/" ghcr.io/acme/app@sha256:0000 --certificate-oidc-issuer https://token.actions.githubusercontent.com | tee verify.log',
].join('\n');

describe('verification tables', () => {
  const scan = scanRepository(createMemoryReader({ '.github/workflows/release.yml': workflow }), { repository: { host: 'github.com', path: 'acme/app' } });

  it('keep a verifier with | in its text in five cells (report)', () => {
    const view = verificationView(scan.verification, scan.evidence, 'en')!;
    const row = `| ${view.verifiers!.rows[0]!.cells} |`;
    expect(cells(row)).toHaveLength(5);
    expect(row).toContain('(app\\|web)');
  });

  it('keep it in four cells (portfolio)', () => {
    const md = verificationMarkdown(crossVerify([{ name: 'acme/app', verification: scan.verification }]), 'en');
    const row = md.find((l) => l.startsWith('| acme/app |'))!;
    expect(row).toContain('(app\\|web)');
    expect(cells(row)).toHaveLength(4);
  });
});
