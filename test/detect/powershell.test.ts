/** PowerShell in CI steps and scripts (issue 10, part 2): calls, Windows paths, `$Env:` options. */
import { describe, expect, it } from 'vitest';
import { recogniseLine } from '../../src/detect/commands.js';
import { joinContinuations, splitLines } from '../../src/detect/shell.js';

const recs = (line: string) => recogniseLine(line).map((r) => r.rec);
const script = (path: string) => [{ kind: 'call', call: { type: 'script', path } }];

describe('PowerShell calls', () => {
  it.each([
    ['.\\script\\sign.ps1 -Files dist\\app.exe', './script/sign.ps1'],
    ['& .\\build\\sign.ps1', './build/sign.ps1'],
    ['. .\\common.ps1', './common.ps1'],
    ['pwsh -NoProfile -File ./scripts/sign.ps1 -Version 1', './scripts/sign.ps1'],
    ['powershell -ExecutionPolicy Bypass -File .\\tools\\Sign-Release.ps1', './tools/Sign-Release.ps1'],
    ['pwsh -ExecutionPolicy Bypass tools/sign.ps1', 'tools/sign.ps1'],
    ['script/release.ps1', 'script/release.ps1'],
  ])('%s calls %s', (line, path) => {
    expect(recs(line)).toEqual(script(path));
  });

  it('pwsh -Command runs its text', () => {
    expect(recs('pwsh -Command "signtool sign /fd SHA256 /dlib C:\\acs\\Azure.CodeSigning.Dlib.dll /dmdf m.json app.exe"')).toEqual([
      expect.objectContaining({ kind: 'sign', tool: 'azure-trusted-signing' }),
    ]);
  });

  it('a quoted Windows path keeps its backslashes: the tool is still found', () => {
    expect(recs('& "C:\\Program Files (x86)\\Windows Kits\\10\\bin\\x64\\signtool.exe" sign /f cert.pfx app.exe')).toEqual([
      expect.objectContaining({ kind: 'sign', tool: 'signtool' }),
    ]);
  });

  it('a variable named after the tool, with a property or in camelCase, stands for it', () => {
    expect(recs('& $signtool.FullName sign /f cert.pfx app.exe')).toEqual([expect.objectContaining({ tool: 'signtool' })]);
    expect(recs('& $signtoolPath sign /f cert.pfx app.exe')).toEqual([expect.objectContaining({ tool: 'signtool' })]);
  });

  it('POSIX escapes are unchanged', () => {
    expect(recs('echo "a\\"b" && cosign sign "$IMG"')).toEqual([expect.objectContaining({ tool: 'cosign' })]);
    expect(recogniseLine('cosign sign --key cosign.key my\\ image')[0]?.rec).toEqual(expect.objectContaining({ subject: 'my image' }));
  });

  it('backtick continuations join like backslash ones', () => {
    const lines = joinContinuations(splitLines('& $signtool sign /fd SHA256 `\n  /dlib $Env:ACS_DLIB `\n  app.exe\nWrite-Host done', 1));
    expect(lines.map((l) => l.line)).toEqual([1, 4]);
    expect(lines[0]!.text).toMatch(/\/dlib \$Env:ACS_DLIB\s+app\.exe$/);
  });
});

describe('signtool /dlib from the environment', () => {
  it.each(['$Env:ACS_DLIB', '$env:ACS_DLIB', '${env:ACS_DLIB}', '%ACS_DLIB%', '$ACS_DLIB'])('/dlib %s is left for the step environment', (ref) => {
    expect(recs(`signtool sign /fd SHA256 /dlib ${ref} /dmdf m.json app.exe`)).toEqual([
      expect.objectContaining({ kind: 'sign', tool: 'signtool', envOption: { option: '/dlib', variable: 'ACS_DLIB' } }),
    ]);
  });
});
