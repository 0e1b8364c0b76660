// Browser tests of the residents' pages, as a person uses them: the real
// binary with a fresh Neo4j and the Utrecht demo data, Debian's Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { startServer } from "./server.mjs";
import { launch, phone, desktop } from "./browser.mjs";

const shots = join(dirname(fileURLToPath(import.meta.url)), "screenshots");
mkdirSync(shots, { recursive: true });

let server;
let browser;

before(async () => {
  [server, browser] = await Promise.all([startServer(), launch()]);
  // A fresh Neo4j plans each query on first use: warm the pages once, so a
  // slow first answer on a busy machine does not fail a test.
  for (const path of Object.values(pages)) {
    await fetch(server.url + path, { signal: AbortSignal.timeout(120_000) });
  }
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage(opts = {}) {
  const context = await browser.newContext({ viewport: desktop, baseURL: server.url, ...opts });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return page;
}

// Demo records the pages are checked on.
const taalcafe = "/aanbod/utr-abd-taalcafe-overvecht";
const pages = {
  zoeken: "/",
  resultaten: "/?q=taal",
  "resultaten-filter": "/?q=&gebied=utr-wk-overvecht&thema=utr-thema-armoede-en-schulden",
  aanbod: taalcafe,
  organisatie: "/organisatie/utr-org-wijkbureau-overvecht",
  persoon: "/persoon/utr-prs-029",
  netwerk: "/netwerk/utr-nw-wijkraad-overvecht",
  locatie: "/locatie/utr-loc-buurtcentrum-de-dreef",
  functie: "/functie/utr-fun-wijkagent-vechtzoom",
  wijk: "/wijk/utr-wk-overvecht",
  buurt: "/wijk/utr-bu-vechtzoom",
  melden: `/melden?over=utr-abd-taalcafe-overvecht`,
  bedankt: "/melden/bedankt",
  toegankelijkheid: "/toegankelijkheid",
  privacy: "/privacy",
  "niet-gevonden": "/aanbod/bestaat-niet",
  "en-zoeken": "/en/",
  "en-resultaten": "/en/?q=taal",
  "en-aanbod": `/en${taalcafe}`,
};

test("every page: what it shows, urgent help, demo banner, language", async () => {
  const page = await newPage();
  for (const [name, path] of Object.entries(pages)) {
    const res = await page.goto(path);
    assert.equal(res.status(), name === "niet-gevonden" ? 404 : 200, `${path} status`);
    const lang = path.startsWith("/en") ? "en" : "nl";
    assert.equal(await page.getAttribute("html", "lang"), lang, `${path} lang`);
    assert.equal(await page.locator("h1").count(), 1, `${path} has one h1`);
    for (const href of ["tel:112", "tel:08002000", "tel:08000113"]) {
      assert.ok(await page.locator(`header a[href="${href}"]`).isVisible(), `${path}: urgent help ${href} visible`);
    }
    assert.ok(await page.getByText(lang === "en" ? "This is a demonstration." : "Dit is een demonstratie.").isVisible(), `${path}: demo banner`);
  }
  await page.context().close();
});

test("search with JavaScript: suggestions, then cards", async () => {
  const page = await newPage();
  await page.goto("/");
  await page.getByLabel("Waar zoekt u hulp of contact bij?").pressSequentially("taalc", { delay: 30 });
  // The script fills a datalist with names from the kaart.
  await page.waitForFunction(() => [...document.querySelectorAll("#suggesties option")].some((o) => o.value === "Taalcafé Lombok"));
  await page.keyboard.press("Enter");
  await page.waitForURL(/\?q=taalc/);
  await assertTaalcafeResults(page);
  await page.context().close();
});

test("search without JavaScript: form, filters, cards", async () => {
  const page = await newPage({ javaScriptEnabled: false });
  await page.goto("/");
  assert.equal(await page.locator("#suggesties").count(), 0, "no script ran");
  await page.getByLabel("Waar zoekt u hulp of contact bij?").fill("taalc");
  await page.getByRole("button", { name: "Zoeken" }).click();
  await page.waitForURL(/\?q=taalc/);
  await assertTaalcafeResults(page);
  // Filter on a wijk: only what serves Overvecht remains.
  await page.getByLabel("Wijk of buurt").selectOption({ label: "Heel Overvecht" });
  await page.getByRole("button", { name: "Zoeken" }).click();
  await page.waitForURL(/gebied=utr-wk-overvecht/);
  const titles = await page.locator(".sk-kaartje h3").allTextContents();
  assert.deepEqual(titles, ["Taalcafé Overvecht"], "only Overvecht's taalcafé");
  // A thema on its own lists what is about it.
  await page.goto("/");
  await page.getByLabel("Onderwerp", { exact: true }).selectOption({ label: "Armoede en schulden" });
  await page.getByRole("button", { name: "Zoeken" }).click();
  assert.ok((await page.locator(".sk-kaartje").count()) >= 3, "cards about armoede en schulden");
  await page.context().close();
});

async function assertTaalcafeResults(page) {
  assert.match(await page.locator("#aantal").innerText(), /\d+ resultaten gevonden\./);
  const titles = await page.locator(".sk-kaartje h3").allTextContents();
  assert.ok(titles.includes("Taalcafé Lombok") && titles.includes("Taalcafé Overvecht"), `titles ${titles}`);
}

test("a card says who, for what, where, when and how to reach them", async () => {
  const page = await newPage();
  await page.goto("/?q=taalcaf%C3%A9%20overvecht");
  const card = page.locator(".sk-kaartje", { has: page.getByRole("heading", { name: "Taalcafé Overvecht" }) });
  await card.waitFor();
  const text = await card.innerText();
  for (const want of ["Taalhuis Utrecht", "Nederlands oefenen in een gesprek met vrijwilligers.", "Buurtcentrum De Dreef", "Donderdag 13.30-15.30", "Taal"]) {
    assert.ok(text.includes(want), `card shows ${want}:\n${text}`);
  }
  const tel = await card.locator('a[href^="tel:"]').first().getAttribute("href");
  assert.match(tel, /^tel:\+3130799\d{4}$/);
  assert.match(await card.locator('a[href^="mailto:"]').first().getAttribute("href"), /^mailto:.+@demo\.example$/);
  await card.getByRole("link", { name: "Taalcafé Overvecht" }).click();
  await page.waitForURL(new RegExp(taalcafe + "$"));
  const loket = page.getByRole("region", { name: "Waarvoor bij wie in Overvecht" });
  for (const want of ["Wijkbureau Overvecht", "Wijkregisseur Overvecht", "Wijkwethouder Overvecht", "Wijkagent", "Wijkraad Overvecht"]) {
    assert.ok((await loket.innerText()).includes(want), `waarvoor bij wie shows ${want}`);
  }
  await page.context().close();
});

test("report a mistake", async () => {
  const before = new Set(server.meldingen().map((m) => m.melding));
  const page = await newPage();
  await page.goto(taalcafe);
  await page.getByRole("link", { name: "Klopt er iets niet op deze pagina? Meld een fout" }).click();
  await page.waitForURL(/\/melden\?over=utr-abd-taalcafe-overvecht/);
  assert.ok(await page.getByText("Uw melding gaat over:").isVisible());
  // An empty report is refused with the reason at the field.
  await page.getByRole("button", { name: "Melding versturen" }).click();
  await page.getByRole("alert").first().waitFor();
  assert.equal(await page.getByRole("alert").getByRole("link", { name: "Schrijf wat er niet klopt." }).count(), 1);
  assert.equal(await page.getByLabel("Wat klopt er niet?").getAttribute("aria-invalid"), "true");
  const tekst = `De openingstijden kloppen niet meer (browsertest ${Date.now()}).`;
  await page.getByLabel("Wat klopt er niet?").fill(tekst);
  await page.getByRole("button", { name: "Melding versturen" }).click();
  await page.waitForURL(/\/melden\/bedankt$/);
  assert.ok(await page.getByRole("heading", { name: "Bedankt voor uw melding" }).isVisible());
  // The report waits in the review queue as a voorstel of soort MELDING.
  let queued = [];
  for (let i = 0; i < 50 && queued.length === 0; i++) {
    queued = server.meldingen().filter((m) => m.over === "utr-abd-taalcafe-overvecht" && !before.has(m.melding));
    if (queued.length === 0) await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(queued.length, 1, "the report is queued once");
  assert.match(queued[0].melding, /^vst-/);
  await page.context().close();
});

test("English version", async () => {
  const page = await newPage();
  await page.goto("/");
  await page.getByRole("link", { name: "English" }).click();
  await page.waitForURL(/\/en\/$/);
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.ok(await page.getByRole("heading", { level: 1, name: "Find help and contacts in your neighbourhood" }).isVisible());
  await page.getByLabel("What do you need help or a contact for?").fill("taalc");
  await page.getByRole("button", { name: "Search" }).click();
  await page.waitForURL(/\/en\/\?q=taalc/);
  assert.match(await page.locator("#aantal").innerText(), /\d+ results found\./);
  // The first aanbod among the results (the search ranks functies and organisaties too).
  await page.locator('.sk-kaartje h3 a[href*="/aanbod/"]').first().click();
  await page.waitForURL(/\/en\/aanbod\//);
  assert.ok(await page.getByText("When open").first().isVisible());
  await page.getByRole("link", { name: "Nederlands" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/en"));
  assert.equal(await page.getAttribute("html", "lang"), "nl");
  await page.context().close();
});

test("keyboard only: skip link, search, open a result", async () => {
  const page = await newPage();
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Naar de inhoud" });
  assert.ok(await skip.evaluate((el) => el === document.activeElement), "first Tab reaches the skip link");
  assert.ok(await skip.isVisible(), "the focused skip link is visible");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "inhoud", "skip link moves focus to the content");
  // Tab to the search box.
  for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement?.id)) !== "q"; i++) {
    await page.keyboard.press("Tab");
  }
  assert.equal(await page.evaluate(() => document.activeElement?.id), "q", "Tab reaches the search box");
  await page.keyboard.type("buurtteam");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\?q=buurtteam/);
  // Tab on to the first card's link and open it.
  let onCard = false;
  for (let i = 0; i < 40 && !onCard; i++) {
    await page.keyboard.press("Tab");
    onCard = await page.evaluate(() => !!document.activeElement?.closest(".sk-kaartje h3"));
  }
  assert.ok(onCard, "Tab reaches the first card");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle + " " + getComputedStyle(document.activeElement).boxShadow);
  assert.notEqual(outline, "none none", "the focused link shows focus");
  const href = await page.evaluate(() => document.activeElement.getAttribute("href"));
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => u.pathname === href);
  assert.equal(await page.locator("h1").count(), 1);
  await page.context().close();
});

test("axe-core: no serious or critical violations on any page", async () => {
  const page = await newPage();
  const problems = [];
  const minor = new Set();
  const check = async (label) => {
    const res = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
    for (const v of res.violations) {
      const where = v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ");
      if (v.impact === "serious" || v.impact === "critical") {
        problems.push(`${label}: ${v.id} (${v.impact}): ${v.help} at ${where}`);
      } else {
        minor.add(`${v.id} (${v.impact}): ${v.help} at ${where}`);
      }
    }
  };
  // Every page at desktop width, the main ones on a phone too.
  const onPhone = ["zoeken", "resultaten", "aanbod", "wijk", "melden"];
  for (const [width, names] of [[desktop, Object.keys(pages)], [phone, onPhone]]) {
    await page.setViewportSize(width);
    for (const name of names) {
      await page.goto(pages[name]);
      await check(`${name} ${width.width}px`);
    }
  }
  // The form with its errors shown.
  await page.goto("/melden");
  await page.getByRole("button", { name: "Melding versturen" }).click();
  await page.getByRole("alert").first().waitFor();
  await check("melden with errors");
  for (const m of minor) console.log(`axe, not serious: ${m}`);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test("the search page transfers under 100 kB before images", async () => {
  const weights = {};
  for (const [name, path] of [["zoeken", "/"], ["resultaten", "/?q=taal"], ["aanbod", taalcafe]]) {
    const page = await newPage(); // a fresh context: nothing cached
    await page.goto(path, { waitUntil: "load" });
    const w = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0];
      const res = performance.getEntriesByType("resource").filter((r) => r.initiatorType !== "img");
      return { document: nav.transferSize, resources: res.map((r) => [new URL(r.name).pathname, r.transferSize]) };
    });
    const total = w.document + w.resources.reduce((s, [, n]) => s + n, 0);
    weights[name] = { path, total, ...w };
    await page.context().close();
  }
  writeFileSync(join(shots, "weights.json"), JSON.stringify(weights, null, 2));
  for (const [name, w] of Object.entries(weights)) {
    console.log(`transfer ${name} (${w.path}): ${w.total} bytes (document ${w.document}; ${w.resources.map(([p, n]) => `${p} ${n}`).join(", ")})`);
    assert.ok(w.document > 0 && w.resources.length >= 2, `${name}: measured the document, the CSS and the script`);
  }
  assert.ok(weights.zoeken.total < 100 * 1024, `search page ${weights.zoeken.total} bytes`);
  assert.ok(weights.resultaten.total < 100 * 1024, `results page ${weights.resultaten.total} bytes`);
});

test("screenshots at phone and desktop width", async () => {
  const main = ["zoeken", "resultaten", "aanbod", "organisatie", "wijk", "melden", "en-resultaten"];
  for (const [label, viewport] of [["telefoon", phone], ["desktop", desktop]]) {
    const page = await newPage({ viewport });
    for (const name of main) {
      await page.goto(pages[name]);
      await page.screenshot({ path: join(shots, `${name}-${label}.png`), fullPage: true });
    }
    await page.context().close();
  }
});
