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
  // The trend's block is known by its text; the first other one is the dimension chart.
  let dimensionChart = false;
  const body = md.render(markdown.replace(/```mermaid\n([\s\S]*?)```\n/g, (block, inner: string) => {
    if (view.trend && inner.trimEnd() === view.trend.chart) return `${TREND_MARKER}\n`;
    if (dimensionChart) return block;
    dimensionChart = true;
    return `${CHART_MARKER}\n`;
  }));
  const chart = svgChart(view);
  const trend = view.trend ? svgTrend(view.trend, view.t) : '';
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
${body.replace(`<p>${CHART_MARKER}</p>`, () => chart).replace(`<p>${TREND_MARKER}</p>`, () => trend)}
</main>
</body>
</html>
`;
}

const CHART_MARKER = 'SIGMATURE-DIMENSION-CHART';
const TREND_MARKER = 'SIGMATURE-TREND-CHART';

/** The assessed level over time as an SVG line (the Markdown report's Mermaid `line`). */
function svgTrend(trend: NonNullable<ReportView['trend']>, t: Record<string, string>): string {
  const left = 40;
  const top = 10;
  const stepY = 40;
  const plotH = stepY * 3;
  const n = trend.points.length;
  const stepX = 90;
  const width = left + stepX * Math.max(n - 1, 0) + 90;
  const height = top + plotH + 50;
  const x = (i: number) => left + 20 + i * stepX;
  const y = (level: number) => top + plotH - level * stepY;
  const grid = [0, 1, 2, 3].map((l) =>
    `<line x1="${left}" y1="${y(l)}" x2="${width - 10}" y2="${y(l)}" class="g"/><text x="${left - 8}" y="${y(l) + 4}" class="v" text-anchor="end">${l}</text>`).join('');
  const path = trend.points.map((p, i) => `${i ? 'L' : 'M'}${x(i)} ${y(p.level)}`).join(' ');
  const dots = trend.points.map((p, i) =>
    `<circle cx="${x(i)}" cy="${y(p.level)}" r="4" class="${p.current ? 'pc' : 'p'}"/>` +
    `<text x="${x(i)}" y="${top + plotH + 20}" class="v" text-anchor="middle">${escapeHtml(p.label)}</text>`).join('');
  const title = escapeHtml(t.trendTitle ?? '');
  return `<figure class="chart trend"><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${title}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${grid}<path d="${path}" class="ln"/>${dots}</svg><figcaption>${title}</figcaption></figure>`;
}

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
figure.chart{margin:1em 0}.trend svg{max-width:100%;height:auto}.trend .g{stroke:#d0d7de}.trend .ln{fill:none;stroke:#0969da;stroke-width:2}.trend .p{fill:#0969da}.trend .pc{fill:#1a7f37}.trend text{font-size:12px}figcaption{font-size:13px;color:#57606a}
@media print{pre{white-space:pre-wrap}}
`;
