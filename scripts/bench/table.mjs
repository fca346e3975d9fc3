/** The table `npm run bench` prints at the end of a run. */
import { fmt, MB } from './util.mjs';

/** @param {any} result */
export function printTable(result) {
  const m = result.machine;
  console.log(
    `\n${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, node ${m.node}, ${m.chromium}, ${result.date}`,
  );
  console.log(
    `medians of ${result.runs} runs (scroll: at most 3; heap: one sequence); ratio = median of paired per-run ratios, 1 = as good as the baseline\n`,
  );
  const rows = [['figure', 'app', 'baseline', 'ratio', 'target']];
  for (const f of Object.values(result.figures)) {
    rows.push([
      `${f.label} (${f.unit})`,
      fmt(f.app),
      fmt(f.baseline),
      fmt(f.ratio),
      f.target == null
        ? '-'
        : `${f.absoluteTarget ? 'app' : 'ratio'} >= ${fmt(f.target)} (${f.targetMet ? 'met' : 'missed'})`,
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const row of rows) console.log(row.map((c, i) => c.padEnd(widths[i])).join(' | '));
  const heap = result.figures.heapAfter20Patients;
  if (heap) {
    const buffers = result.figures.arrayBuffersAfter20Patients;
    const series = (f) =>
      Object.entries(f.afterOpen)
        .map(([n, mb]) => `#${n} ${fmt(mb)}`)
        .join(', ');
    /** @param {any} f */
    const line = (f) =>
      `before ${fmt(f.baseline)}, after open ${series(f)}; caches purged ${fmt(f.afterPurge)}; same loads without a session ${fmt(f.bareAfter20)}`;
    console.log(`\nJS heap (MB) ${line(heap)}`);
    if (buffers) console.log(`ArrayBuffers (MB) ${line(buffers)}`);
    console.log(
      `cornerstone cache ${fmt(heap.cache.bytes / MB)} MB of max ${fmt(heap.cache.maxBytes / MB)} MB; loader data sets ${fmt(heap.cache.dataSetBytes / MB)} MB`,
    );
  }
  console.log('');
}
