/**
 * Rendering a report view to Markdown (a Mustache template: logic-less, replaceable with
 * `--template`) and to HTML (the same Markdown through markdown-it with raw HTML off, in a page of
 * our own with an inline SVG chart and a stylesheet; no script).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import Mustache from 'mustache';
import { templatesDir } from '../paths.js';
import type { ReportView } from './report-view.js';

export const DEFAULT_TEMPLATE = join(templatesDir, 'report.md.mustache');

export function renderMarkdown(view: ReportView, templateText = readFileSync(DEFAULT_TEMPLATE, 'utf8')): string {
  // Every string in the view is already Markdown-safe; Mustache's HTML escaping would double-escape.
  const out = Mustache.render(templateText, view, {}, { escape: (s: string) => s });
  // Templates leave runs of blank lines where sections are empty; Markdown wants at most one.
  return `${out.replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

export function renderHtml(markdown: string, view: ReportView): string {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  // Mermaid blocks are for GitHub/GitLab; the HTML page draws its own SVG chart instead.
  const body = md.render(markdown.replace(/```mermaid\n[\s\S]*?```\n/, () => `${CHART_MARKER}\n`));
  const chart = svgChart(view);
  return `<!doctype html>
<html lang="${view.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(view.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body.replace(`<p>${CHART_MARKER}</p>`, chart)}
</main>
</body>
</html>
`;
}

const CHART_MARKER = 'SIGMATURE-DIMENSION-CHART';

function svgChart(view: ReportView): string {
  const rowH = 26;
  const labelW = 300;
  const barW = 90;
  const h = view.dimensions.length * rowH + 10;
  const rows = view.dimensions.map((d, i) => {
    const y = i * rowH + 5;
    const label = d.label;
    return `<text x="0" y="${y + 17}" class="l">${escapeHtml(label.length > 46 ? `${label.slice(0, 45)}…` : label)}</text>` +
      `<rect x="${labelW}" y="${y + 4}" width="${barW * 3}" height="16" class="bg"/>` +
      `<rect x="${labelW}" y="${y + 4}" width="${barW * d.score}" height="16" class="s${d.score}"/>` +
      `<text x="${labelW + barW * 3 + 8}" y="${y + 17}" class="v">${d.score}/3</text>`;
  });
  return `<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(view.t.chartTitle ?? '')}" viewBox="0 0 ${labelW + barW * 3 + 50} ${h}" width="100%">${rows.join('')}</svg><figcaption>${escapeHtml(view.t.chartTitle ?? '')}</figcaption></figure>`;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `
body{font:15px/1.55 system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans JP",sans-serif;color:#1f2328;background:#fff;margin:0}
main{max-width:960px;margin:0 auto;padding:24px}
h1,h2,h3{line-height:1.25}h2{border-bottom:1px solid #d0d7de;padding-bottom:.3em;margin-top:2em}
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #d0d7de;padding:4px 10px;text-align:left;vertical-align:top}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px}
pre{background:#f6f8fa;padding:12px;overflow:auto;border-radius:6px}
.chart text{font-size:13px;fill:#1f2328}.chart .bg{fill:#eaeef2}.chart .s0{fill:#cf222e}.chart .s1{fill:#d4a72c}.chart .s2{fill:#4c9f70}.chart .s3{fill:#1a7f37}
figure.chart{margin:1em 0}figcaption{font-size:13px;color:#57606a}
@media print{pre{white-space:pre-wrap}}
`;
