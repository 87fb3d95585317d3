// Folds the JSON of each benchmark scenario (bench/run.sh saves them in one folder) into one JSON object on stdout,
// a table on stderr and bench/RESULTS.md; hand-written notes from "## Notes" onwards in RESULTS.md survive a new run.
//   node bench/report.mjs FOLDER [--results bench/RESULTS.md] [--command "bench/run.sh ..."]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

const [folder, ...rest] = process.argv.slice(2);
const option = (name) => (rest.includes(name) ? rest[rest.indexOf(name) + 1] : undefined);
const resultsFile = option('--results');
const command = option('--command') ?? 'bench/run.sh';

const figure = (median, min = median, max = median) => ({ median, min, max });
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const spread = (values) => figure(median(values), Math.min(...values), Math.max(...values));

// Each scenario's own output, as the script named in `script` prints it, reduced to settings and figures.
const scenarios = [
  {
    name: 'sendPipeline', title: 'Send pipeline', script: 'bench/pipeline.sh', file: 'pipeline.json',
    read: (json) => ({
      settings: json.settings,
      figures: json.figures,
      extra: {
        transactionsPerReminderByOperation: json.transactionsPerReminderByOperation, totalReminders: json.totalReminders, totalDuplicates: json.totalDuplicates, anyTimedOut: json.anyTimedOut,
        injectedFaults: json.runs.flatMap((r) => Object.entries(r.injectedFaults ?? {})).reduce((sum, [kind, n]) => ({ ...sum, [kind]: (sum[kind] ?? 0) + n }), {}),
      },
    }),
  },
  {
    name: 'calendarSync', title: 'Calendar sync (Microsoft Graph)', script: 'bench/calendar.sh', file: 'calendar.json',
    read: (json) => ({ settings: json.settings, figures: json.figures, extra: { failed: json.failed } }),
  },
  {
    name: 'api', title: 'API under load (wrk)', script: 'bench/api.sh', file: 'api.json',
    read: (json) => ({ settings: json.settings, figures: json.figures, extra: { storageRequestsPerRequest: json.storageRequestsPerRequest } }),
  },
  {
    name: 'coldStart', title: 'Cold start of the packaged handler', script: 'bench/coldstart.sh', file: 'coldstart.json',
    // With --against, coldstart.sh prints one result per package, this one first, started alternately.
    read: (json) => {
      if (json.figures) return { settings: json.settings, figures: json.figures };
      const [mine, against] = Array.isArray(json) ? json : [json];
      const figures = {
        firstResponseMs: figure(mine.MedianMs, mine.MinMs, mine.MaxMs),
        listeningMs: spread(mine.Each.map((r) => r.ListeningMs)),
        handlerCpuMs: spread(mine.Each.map((r) => r.CpuMs)),
      };
      if (against) {
        figures.againstFirstResponseMs = figure(against.MedianMs, against.MinMs, against.MaxMs);
        figures.againstListeningMs = spread(against.Each.map((r) => r.ListeningMs));
        figures.againstHandlerCpuMs = spread(against.Each.map((r) => r.CpuMs));
      }
      return { settings: { runs: mine.Runs, ...(against ? { against: against.Package } : {}) }, figures };
    },
  },
  {
    name: 'pageLoad', title: 'Cold-cache page load (headless Chromium)', script: 'bench/pageload.sh', file: 'pageload.json',
    read: (json) => ({
      settings: { runs: json.runs, aimMs: json.aimMs },
      figures: Object.fromEntries(Object.entries(json.pages).map(([page, p]) => [`usableMs ${page}`, figure(p.usableMsMedian, p.usableMsMin, p.usableMsMax)])),
    }),
  },
];

const found = scenarios.filter((s) => existsSync(join(folder, s.file)))
  .map((s) => ({ ...s, ...s.read(JSON.parse(readFileSync(join(folder, s.file), 'utf8'))) }));
if (found.length === 0) {
  console.error(`No scenario results in ${folder}.`);
  process.exit(1);
}

const machine = { processors: cpus().length, memoryGb: Math.round(totalmem() / 1024 ** 3 * 10) / 10, cpu: cpus()[0]?.model, node: process.version };
const date = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
const combined = {
  date, command, machine,
  scenarios: Object.fromEntries(found.map((s) => [s.name, { script: s.script, settings: s.settings, figures: s.figures, ...s.extra }])),
};
console.log(JSON.stringify(combined));

// The issues' aims, shown beside the figures they apply to.
const aims = {
  storageTransactionsPerReminder: '≤ 5', latenessP99Seconds: '< 2', duplicates: '0',
  steadyGraphRequestsPerCalendarScan: '1', firstResponseMs: '< 500', 'usableMs /': '< 1000', 'usableMs /login': '< 1000', 'usableMs /signup': '< 1000',
};

const words = (key) => key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/\bMs\b/g, 'ms').replace(/\bMb\b/g, 'MB')
  .replace(/^./, (c) => c.toUpperCase()).replace(/ ([A-Z])(?=[a-z])/g, (_, c) => ' ' + c.toLowerCase());

const width = Math.max(...found.flatMap((s) => Object.keys(s.figures).map((k) => words(k).length)));
const text = [];
for (const s of found) {
  text.push('', `${s.title} (${s.script}): median, min, max`);
  for (const [key, f] of Object.entries(s.figures)) {
    text.push(`  ${words(key).padEnd(width)} ${String(f.median).padStart(10)} ${String(f.min).padStart(10)} ${String(f.max).padStart(10)}${aims[key] ? `   aim ${aims[key]}` : ''}`);
  }
}
console.error(text.join('\n'));

if (resultsFile) {
  const previous = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '';
  const notesAt = previous.indexOf('\n## Notes');
  const md = ['# Benchmark results', '', `- Command: \`${command}\``, `- Date: ${date}`, `- Machine: ${JSON.stringify(machine)}`];
  for (const s of found) {
    md.push('', `## ${s.title}`, '', `- Script: \`${s.script}\``, `- Settings: ${JSON.stringify(s.settings)}`, '', '| figure | median | min | max | aim |', '| --- | ---: | ---: | ---: | ---: |');
    for (const [key, f] of Object.entries(s.figures)) {
      md.push(`| ${words(key)} | ${f.median} | ${f.min} | ${f.max} | ${aims[key] ?? ''} |`);
    }
    if (s.extra?.transactionsPerReminderByOperation) {
      md.push('', 'Storage transactions per sent reminder, by operation (median of runs):', '', '| operation | per reminder |', '| --- | ---: |');
      for (const [operation, perReminder] of Object.entries(s.extra.transactionsPerReminderByOperation)) {
        md.push(`| ${operation} | ${perReminder} |`);
      }
    }
    if (s.extra?.injectedFaults) {
      md.push('', `Reminders over all runs: ${s.extra.totalReminders}; duplicates: ${s.extra.totalDuplicates}; faults injected: ${Object.entries(s.extra.injectedFaults).map(([k, v]) => `${words(k).toLowerCase()} ${v}`).join(', ')}.`);
    }
    if (s.extra?.storageRequestsPerRequest) {
      md.push('', `Storage requests per API request: ${Object.entries(s.extra.storageRequestsPerRequest).map(([k, v]) => `${k} ${v}`).join(', ')}.`);
    }
  }
  writeFileSync(resultsFile, md.join('\n') + '\n' + (notesAt >= 0 ? previous.slice(notesAt) : ''));
  console.error(`\nUpdated ${resultsFile}`);
}
