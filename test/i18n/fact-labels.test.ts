/**
 * Every value of the fact vocabulary has words in both languages, so no raw value (`ci-secret`,
 * `container-image`) reaches a Japanese screen or report. The vocabulary is read from its source,
 * `src/detect/types.ts` (and the names of published artifacts from the detectors), so a value
 * added there without a label fails here even before the type-checker runs.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  FACT_LABELS, factValueLabel, factValuesText, PRIVATE_KEY_KIND_LABELS, PUBLISHED_ARTIFACT_LABELS_JA,
  privateKeyKindLabel, publishedArtifactLabel, type Label,
} from '../../src/i18n/fact-labels.js';
import { joinList, splitNames } from '../../src/i18n/names.js';

import { VOCABULARY as REGISTRY_VOCABULARY } from '../../src/detect/tools/index.js';

const TYPES = readFileSync('src/detect/types.ts', 'utf8');

/** The string literals of `export type NAME = 'a' | 'b' …;` in src/detect/types.ts. */
function union(name: string): string[] {
  // the tools vocabulary is derived from the tool registry, one descriptor per tool
  if (name === 'SigningTool') return [...REGISTRY_VOCABULARY];
  const m = new RegExp(`export type ${name} =([^;]+);`).exec(TYPES);
  if (!m) throw new Error(`type ${name} not found in src/detect/types.ts`);
  return [...m[1]!.matchAll(/'([^']+)'/g)].map((x) => x[1]!);
}

const VOCABULARY: Record<keyof typeof FACT_LABELS, string> = {
  ci: 'CiSystem',
  tools: 'SigningTool',
  keyCustody: 'KeyCustody',
  kmsProviders: 'KmsProvider',
  artifactsSigned: 'ArtifactKind',
  attestations: 'AttestationKind',
};

const hasWords = (l: Label | undefined) => !!l && l.en.trim() !== '' && l.ja.trim() !== '';
/** Kana or kanji: a Japanese label of a common noun is written in Japanese. */
const JAPANESE = /[\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Han}]/u;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));
}

describe('fact labels', () => {
  it.each(Object.entries(VOCABULARY))('%s: every value of %s has a label in English and Japanese, and nothing else', (fact, type) => {
    const values = union(type);
    expect(values.length).toBeGreaterThan(2);
    const labels = FACT_LABELS[fact as keyof typeof FACT_LABELS] as Record<string, Label>;
    for (const v of values) expect(hasWords(labels[v]), `${fact}: ${v}`).toBe(true);
    expect(Object.keys(labels).sort()).toEqual([...values].sort());
  });

  it('every kind of private key has a label in both languages', () => {
    const kinds = union('PrivateKeyKind');
    for (const k of kinds) expect(hasWords((PRIVATE_KEY_KIND_LABELS as Record<string, Label>)[k]), k).toBe(true);
    expect(Object.keys(PRIVATE_KEY_KIND_LABELS).sort()).toEqual([...kinds].sort());
  });

  it('every published artifact a detector names has a Japanese name', () => {
    const names = new Set<string>();
    for (const f of filesUnder('src/detect').filter((p) => p.endsWith('.ts'))) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/artifact: '([^']+)', artifactKind/g)) names.add(m[1]!);
      for (const m of text.matchAll(/const IMAGE = '([^']+)'/g)) names.add(m[1]!);
    }
    expect(names.size).toBeGreaterThan(5);
    for (const n of names) expect(PUBLISHED_ARTIFACT_LABELS_JA[n], n).toMatch(JAPANESE);
  });

  it('no Japanese label is a raw value: common nouns are in Japanese, proper nouns as their makers write them', () => {
    // Tools keep their own spelling (cosign, sigstore-python, in-toto); every other value has words.
    for (const [fact, labels] of Object.entries(FACT_LABELS).filter(([f]) => f !== 'tools')) {
      for (const [value, label] of Object.entries(labels as Record<string, Label>)) {
        expect([label.en, label.ja], `${fact}: ${value}`).not.toContain(value);
      }
    }
    for (const fact of ['keyCustody', 'artifactsSigned'] as const) {
      for (const [value, label] of Object.entries(FACT_LABELS[fact] as Record<string, Label>)) {
        if (value !== 'vault' && value !== 'hsm') expect(label.ja, `${fact}: ${value}`).toMatch(JAPANESE);
      }
    }
  });

  it.each<[Parameters<typeof factValueLabel>[0], string, string, string]>([
    ['ci', 'github-actions', 'GitHub Actions', 'GitHub Actions'],
    ['ci', 'gitlab-ci', 'GitLab CI', 'GitLab CI'],
    ['keyCustody', 'ci-secret', 'CI secret', 'CI のシークレット'],
    ['keyCustody', 'keyless', 'keyless (no long-lived key)', 'キーレス署名 (長期鍵なし)'],
    ['artifactsSigned', 'container-image', 'container images', 'コンテナイメージ'],
    ['artifactsSigned', 'checksums', 'checksum files', 'チェックサムファイル'],
    ['attestations', 'provenance', 'build provenance', 'ビルドの来歴'],
    ['kmsProviders', 'gcp', 'Google Cloud KMS', 'Google Cloud KMS'],
    ['tools', 'some-future-tool', 'some-future-tool', 'some-future-tool'],
  ])('%s %s → %s / %s', (fact, value, en, ja) => {
    expect(factValueLabel(fact, value, 'en')).toBe(en);
    expect(factValueLabel(fact, value, 'ja')).toBe(ja);
  });

  it('lists values as each language lists them', () => {
    expect(factValuesText('ci', ['github-actions', 'gitlab-ci'], 'en')).toBe('GitHub Actions, GitLab CI');
    expect(factValuesText('keyCustody', ['keyless', 'ci-secret'], 'ja')).toBe('キーレス署名 (長期鍵なし)、CI のシークレット');
  });

  it('names keys by kind and published artifacts by name, in the language of the report', () => {
    expect(privateKeyKindLabel('cosign-key', 'ja')).toBe('cosign 秘密鍵');
    expect(privateKeyKindLabel('pem-rsa', 'en')).toBe('RSA private key (PEM)');
    expect(publishedArtifactLabel('npm package', 'package', 'en')).toBe('npm package');
    expect(publishedArtifactLabel('npm package', 'package', 'ja')).toBe('npm パッケージ');
    expect(publishedArtifactLabel('Some new thing', 'blob', 'ja')).toBe('ファイル (バイナリ、アーカイブ)');
  });
});

describe('participants', () => {
  it.each<[string, string[]]>([
    ['Aiko, Ben', ['Aiko', 'Ben']],
    ['佐藤、鈴木、高橋', ['佐藤', '鈴木', '高橋']],
    ['佐藤，鈴木', ['佐藤', '鈴木']],
    ['佐藤、 Ben,鈴木 ', ['佐藤', 'Ben', '鈴木']],
    [' , 、 ', []],
  ])('%j → %j', (typed, names) => expect(splitNames(typed)).toEqual(names));

  it('joins names with ", " in English and 「、」 in Japanese, and splits them back', () => {
    expect(joinList(['Aiko', 'Ben'], 'en')).toBe('Aiko, Ben');
    expect(joinList(['佐藤', '鈴木'], 'ja')).toBe('佐藤、鈴木');
    for (const lang of ['en', 'ja'] as const) expect(splitNames(joinList(['佐藤', 'Ben'], lang))).toEqual(['佐藤', 'Ben']);
  });
});
