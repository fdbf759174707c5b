/**
 * The tool registry is the one place a tool is described: the vocabulary, command table, action
 * table, pinning prefixes and variable names are derived from it, and agree with the fact vocabulary.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIONS, COVERS, HANDLERS, PIN_RELEVANT, TOOLS, VARIABLE_TOOLS, VOCABULARY } from '../../src/detect/tools/index.js';
import { FACT_SHAPES } from '../../src/model/facts-vocabulary.js';

describe('tool registry', () => {
  it('its vocabulary is the tools fact of the fact vocabulary, in the same order', () => {
    const shape = FACT_SHAPES.get('tools');
    expect(shape?.kind === 'list' ? shape.values : []).toEqual([...VOCABULARY]);
  });

  it('ids are unique', () => {
    const ids = TOOLS.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('action prefixes are unique and every pinning prefix concerns a registered action or an organisation', () => {
    const prefixes = ACTIONS.map((a) => a.prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const p of PIN_RELEVANT) expect(ACTIONS.some((a) => a.prefix.startsWith(p.prefix)) || p.prefix.endsWith('/'), p.prefix).toBe(true);
  });

  it('every variable name stands for a registered command', () => {
    for (const v of VARIABLE_TOOLS) expect(Object.keys(HANDLERS), v).toContain(v);
  });

  it('every fixture a descriptor names exists', () => {
    for (const t of TOOLS) {
      const fixture = (t as { fixture?: string }).fixture;
      if (fixture) expect(existsSync(join(import.meta.dirname, '..', 'fixtures', 'repos', fixture)), `${t.id}: ${fixture}`).toBe(true);
    }
  });

  it('every artifact a coverage hint names is a kind or an artifact some publishing record gives', () => {
    const dir = join(import.meta.dirname, '..', '..', 'src', 'detect');
    const source = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    const kinds = ['container-image', 'blob', 'package', 'checksums'];
    for (const artifact of COVERS.keys()) {
      expect(kinds.includes(artifact) || source.includes(`kind: 'publish'`) && new RegExp(`artifact: '${artifact.replace(/[()]/g, '\\$&')}', artifactKind`).test(source), artifact).toBe(true);
    }
    // the weaker signers are only taken when the build's own signing is absent
    expect(COVERS.get('Maven artifacts')?.filter((c) => c.fallback).map((c) => c.tool).sort()).toEqual(['gpg', 'jarsigner']);
  });
});
