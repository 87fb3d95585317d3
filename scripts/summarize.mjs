// Adds up the results of every suite and prints the one closing line: "tests: N passed, M failed".
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const [dir, ...failedSteps] = process.argv.slice(2);
const suites = [];
const failures = [];
const decode = (xml) => xml.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

const trxFiles = existsSync(dir) ? readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith(".trx")) : [];
for (const file of trxFiles) {
  const text = readFileSync(join(dir, String(file)), "utf8");
  const counters = /<Counters\b([^>]*)\/?>/.exec(text)?.[1] ?? "";
  const count = (name) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(counters)?.[1] ?? 0);
  suites.push({ name: ".NET", passed: count("passed"), failed: count("failed") + count("error") + count("timeout") + count("aborted"), skipped: count("notExecuted") });
  // The failures' names and first message line come last, where CI's tail of the output shows them.
  for (const [, name, body] of text.matchAll(/<UnitTestResult\b[^>]*testName="([^"]*)"[^>]*outcome="(?:Failed|Error|Timeout|Aborted)"[^>]*>([\s\S]*?)<\/UnitTestResult>/g)) {
    const message = /<Message>([\s\S]*?)<\/Message>/.exec(body)?.[1].split("\n")[0] ?? "";
    failures.push(`  failed: ${decode(name)}: ${decode(message).slice(0, 300)}`);
  }
}

const vitest = join(dir, "vitest.json");
if (existsSync(vitest)) {
  const r = JSON.parse(readFileSync(vitest, "utf8"));
  suites.push({ name: "web unit", passed: r.numPassedTests, failed: r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0), skipped: r.numPendingTests + r.numTodoTests });
}

const e2e = join(dir, "e2e.json");
if (existsSync(e2e)) {
  const s = JSON.parse(readFileSync(e2e, "utf8")).stats;
  suites.push({ name: "browser", passed: s.expected, failed: s.unexpected + s.flaky, skipped: s.skipped });
}

const total = (key) => suites.reduce((sum, s) => sum + s[key], 0);
for (const s of suites) console.log(`  ${s.name}: ${s.passed} passed, ${s.failed} failed${s.skipped ? `, ${s.skipped} skipped` : ""}`);
const expected = [".NET", "web unit", "browser"].filter((name) => !suites.some((s) => s.name === name));
for (const name of expected) console.log(`  ${name}: no results (the suite did not run)`);
for (const step of failedSteps) console.log(`  failed step: ${step}`);
for (const line of failures.slice(0, 20)) console.log(line);

// A skipped test is a defect here, and so is a suite that did not report.
const failed = total("failed") + total("skipped") + expected.length + (failedSteps.length && !total("failed") ? 1 : 0);
const skipped = total("skipped");
console.log(`tests: ${total("passed")} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || failedSteps.length > 0 ? 1 : 0);
