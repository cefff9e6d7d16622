// The dashboard driven in headless Chromium as a person would use it: ingest the bundled
// example into a temporary store, start `atalaya serve` on a free loopback port, choose the
// dyad USA-MEX, click the spike of the timeline, open one of its events and check that its
// sentence is shown with the actor and verb spans highlighted. Screenshots go to OUT_DIR.
// Any failed step, page error or failed request exits non-zero.
//
//   ATALAYA_BIN=target/release/atalaya ATALAYA_NPM=~/.cache/atalaya-npm \
//   OUT_DIR=target/browser node tests/browser/dashboard.mjs

import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(new URL("../..", import.meta.url).pathname);
const bin = resolve(process.env.ATALAYA_BIN || join(root, "target/release/atalaya"));
const npm = resolve(process.env.ATALAYA_NPM || join(process.env.HOME || "/root", ".cache/atalaya-npm"));
const outDir = resolve(process.env.OUT_DIR || join(root, "target/browser"));
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
mkdirSync(outDir, { recursive: true });

const { chromium } = await import(join(npm, "node_modules/playwright-core/index.mjs"));

const work = mkdtempSync(join(tmpdir(), "atalaya-browser-"));
let server;
let context;
const problems = [];
// The whole run is bounded: a hang is a failure, not a stuck CI.
const guard = setTimeout(() => fail("timed out after 180 s"), 180_000);

async function cleanup() {
  clearTimeout(guard);
  if (context) await context.close().catch(() => {});
  if (server && server.exitCode === null) server.kill("SIGINT");
  rmSync(work, { recursive: true, force: true });
}

async function fail(message) {
  console.error(`browser test: FAILED: ${message}`);
  await cleanup();
  process.exit(1);
}

function step(name) {
  console.log(`browser test: ${name}`);
}

try {
  const db = join(work, "example.db");
  step(`ingest examples/us-mexico-2025 into ${db}`);
  execFileSync(bin, ["ingest", "-q", "--db", db, join(root, "examples/us-mexico-2025")], { stdio: "inherit" });

  step("start atalaya serve on a free loopback port");
  server = spawn(bin, ["serve", "--db", db, "--bind", "127.0.0.1:0", "--rules", join(root, "examples/us-mexico-2025.rules")], {
    stdio: ["ignore", "inherit", "pipe"],
    // Read-only: no token reaches the server.
    env: Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== "ATALAYA_TOKEN")),
  });
  const base = await new Promise((ok, ko) => {
    let seen = "";
    const timer = setTimeout(() => ko(new Error(`no address from atalaya serve: ${seen}`)), 20_000);
    server.stderr.on("data", (chunk) => {
      seen += chunk;
      process.stderr.write(chunk);
      const m = /on (http:\/\/127\.0\.0\.1:\d+)\//.exec(seen);
      if (m) { clearTimeout(timer); ok(m[1]); }
    });
    server.on("exit", (code) => ko(new Error(`atalaya serve exited (${code}): ${seen}`)));
  });

  step(`open ${base}/ in ${chromiumPath}`);
  context = await chromium.launchPersistentContext(join(work, "profile"), {
    executablePath: chromiumPath,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1280, height: 900 },
  });
  const page = context.pages()[0] || (await context.newPage());
  page.setDefaultTimeout(15_000);
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("console", (msg) => { if (msg.type() === "error") problems.push(`console error: ${msg.text()}`); });
  page.on("requestfailed", (req) => problems.push(`request failed: ${req.url()}`));
  page.on("response", (res) => { if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`); });
  await page.goto(`${base}/`);
  await page.waitForSelector("body[data-ready=true]");

  step("choose the dyad USA-MEX and show it");
  await page.fill("#dyad", "USA-MEX");
  await page.selectOption("#interval", "week");
  await page.click("#show");
  await page.waitForFunction(() => document.querySelector("#timeline-label")?.textContent.includes("USA-MEX"));
  const buckets = await page.locator("[data-testid=bucket]").count();
  if (buckets < 10) await fail(`expected a timeline of weeks, found ${buckets} buckets`);
  const peak = page.locator("[data-testid=bucket][data-peak=true]");
  if ((await peak.count()) !== 1) await fail("no spike marked on the timeline");
  const peakName = await peak.getAttribute("data-bucket");
  const peakCount = Number(await peak.getAttribute("data-count"));
  if (!(peakCount > 1)) await fail(`the spike ${peakName} counts ${peakCount}`);
  if ((await page.locator("[data-testid=index-line]").count()) !== 1) await fail("no escalation index line");
  const classes = await page.locator("#timeline rect[data-class]").evaluateAll((rs) => [...new Set(rs.map((r) => r.getAttribute("data-class")))]);
  for (const c of ["material_conflict", "threat", "planned_conflict"]) {
    if (!classes.includes(c)) await fail(`no ${c} bar on the timeline (found ${classes.join(", ")})`);
  }
  await page.screenshot({ path: join(outDir, "dashboard-timeline.png"), fullPage: false });

  step(`click the spike ${peakName} (${peakCount} counted)`);
  await peak.click();
  await page.waitForSelector("#bucket-panel:not([hidden])");
  const label = await page.textContent("[data-testid=bucket-label]");
  if (!label.includes(peakName)) await fail(`the interval panel shows ${label}, not ${peakName}`);
  const rows = page.locator("[data-testid=event-row]");
  await rows.first().waitFor();
  const rowCount = await rows.count();
  if (rowCount < 1) await fail("no events listed for the spike");
  await page.locator("[data-testid=story-row]").first().waitFor();

  step(`open the first of its ${rowCount} events`);
  const eventId = await rows.first().getAttribute("data-event-id");
  await rows.first().click();
  await page.waitForSelector("#event-panel:not([hidden])");
  await page.waitForFunction((id) => document.querySelector("#event-id")?.textContent === id, eventId);
  const sentence = page.locator("[data-testid=event-sentence]");
  await sentence.locator("mark").first().waitFor({ state: "visible" });
  const marks = await sentence.locator("mark").evaluateAll((ms) => ms.map((m) => ({ role: m.className, text: m.textContent })));
  const roles = marks.map((m) => m.role);
  if (!roles.includes("source") || !roles.includes("target")) await fail(`sentence of ${eventId} lacks highlighted actors: ${JSON.stringify(marks)}`);
  if (!roles.includes("verb")) await fail(`sentence of ${eventId} lacks a highlighted verb: ${JSON.stringify(marks)}`);
  for (const role of ["source", "verb", "target"]) {
    const mark = sentence.locator(`mark.${role}`).first();
    if (!(await mark.isVisible())) await fail(`the ${role} span is not visible`);
    const bg = await mark.evaluate((m) => getComputedStyle(m).backgroundColor);
    if (bg === "rgba(0, 0, 0, 0)" || bg === "transparent") await fail(`the ${role} span is not highlighted`);
  }
  const shown = (await sentence.textContent()).trim();
  const api = await page.evaluate(async (id) => (await fetch(`/api/events/${encodeURIComponent(id)}`)).json(), eventId);
  if (shown !== api.evidence.sentence.trim()) await fail(`the sentence shown differs from the event's: ${shown}`);
  const modality = (await page.textContent("[data-testid=event-modality]")).trim();
  if (modality !== api.modality) await fail(`modality shown ${modality}, event has ${api.modality}`);
  if (!(await page.locator("[data-testid=article-link]").isVisible())) await fail("no article link");
  await page.locator("#event-panel").screenshot({ path: join(outDir, "dashboard-event.png") });

  step("the network and the events table");
  if ((await page.locator("[data-testid=network-node][data-actor=USA]").count()) !== 1) await fail("USA missing from the network");
  if ((await page.locator("[data-testid=network-edge][data-source=USA][data-target=MEX]").count()) !== 1) await fail("no USA → MEX edge");
  await page.fill("#filters input[name=dyad]", "USA-MEX");
  await page.selectOption("#filters select[name=modality]", "hypothetical");
  // The count line already holds the unfiltered table's text: wait for the filtered one.
  const before = (await page.textContent("#table-count")) || "";
  await page.click("[data-testid=filter]");
  await page
    .waitForFunction((old) => {
      const t = document.querySelector("#table-count")?.textContent || "";
      return t !== old && /of \d+ events|No events/.test(t);
    }, before, { timeout: 10000 })
    .catch(() => {});
  const tableRows = await page.locator("[data-testid=table-row]").count();
  const filtered = await page.evaluate(async () => (await fetch("/api/events?dyad=USA-MEX&modality=hypothetical&limit=50")).json());
  if (tableRows !== filtered.events.length || tableRows === 0) await fail(`table shows ${tableRows} rows, the API ${filtered.events.length}`);
  await page.screenshot({ path: join(outDir, "dashboard.png"), fullPage: true });

  if (problems.length) await fail(problems.join("; "));
  step(`passed; screenshots in ${outDir}`);
  await cleanup();
  process.exit(0);
} catch (err) {
  await fail(err && err.stack ? err.stack : String(err));
}
