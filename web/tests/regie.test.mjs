// Browser tests of the pages for wijkregisseurs and partners (/regie), as
// people use them: the real binary with the development login, a fresh
// Neo4j with the Utrecht demo, Debian's Chromium, axe-core.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
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
  [server, browser] = await Promise.all([startServer({ args: ["--dev-login"] }), launch()]);
  // A fresh Neo4j plans each query on first use: open the pages once as each
  // demo user, so a slow first answer on a busy machine does not fail a test.
  for (const [gebruiker, paths] of [
    ["regisseur-kanaleneiland", [zuidwest, "/regie/wijk/utr-wk-noordwest"]],
    ["beheerder-utrecht", [zuidwest, `/regie/record/Aanbod/${geldzaken}`]],
    ["partner-jou", ["/regie/organisatie/utr-org-jou", `/regie/record/Aanbod/${geldzaken}`]],
  ]) {
    const cookie = await devLogin(gebruiker);
    for (const p of paths) {
      await fetch(server.url + p, { headers: { cookie }, signal: AbortSignal.timeout(180_000) });
    }
  }
});

// devLogin logs in without a browser and returns the session cookie.
async function devLogin(gebruiker) {
  const form = await fetch(server.url + "/inloggen");
  const voorlogin = form.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const csrf = (await form.text()).match(/name="csrf" value="([^"]+)"/)[1];
  const res = await fetch(server.url + "/inloggen/ontwikkel", {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", cookie: voorlogin, Origin: server.url },
    body: new URLSearchParams({ csrf, gebruiker, terug: "/regie/" }),
  });
  assert.equal(res.status, 303, `development login as ${gebruiker}`);
  return res.headers.getSetCookie().map((c) => c.split(";")[0]).filter((c) => c.includes("sessie")).join("; ");
}

after(async () => {
  await browser?.close();
  await server?.stop();
});

// Demo records the tests work on.
const zuidwest = "/regie/wijk/utr-wk-zuidwest";
const geldzaken = "utr-abd-inloop-geldzaken-kanaleneiland";

// loginAs logs a fresh browser in through the development login and returns
// its page, on the page the login returned to.
async function loginAs(label, terug = "/regie/") {
  const context = await browser.newContext({ viewport: desktop, baseURL: server.url });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  await page.goto("/inloggen?terug=" + encodeURIComponent(terug));
  await page.getByLabel(label).check();
  await page.getByRole("button", { name: "Inloggen als demogebruiker" }).click();
  await page.waitForURL((u) => u.pathname.startsWith(terug.split("?")[0]));
  return page;
}

async function axe(page, label) {
  const res = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const bad = res.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`), [], `${label}: axe`);
}

test("an anonymous visitor is sent to the login, and comes back after it", async () => {
  const context = await browser.newContext({ viewport: desktop, baseURL: server.url });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  await page.goto(zuidwest);
  assert.match(page.url(), /\/inloggen\?terug=%2Fregie%2Fwijk%2Futr-wk-zuidwest$/);
  assert.ok(await page.getByText("Ontwikkel-login — niet voor productie").first().isVisible(), "the development login is marked");
  await page.getByLabel(/Fatima/).check();
  await page.getByRole("button", { name: "Inloggen als demogebruiker" }).click();
  await page.waitForURL((u) => u.pathname === zuidwest);
  assert.ok(await page.getByText("Ingelogd als").first().isVisible());
  await context.close();
});

test("the coalition map shows the demo's missing levels, with a table for screen readers", async () => {
  const page = await loginAs(/Fatima/, zuidwest);
  const svg = page.getByRole("img", { name: "Coalitiekaart van Zuidwest" });
  await svg.waitFor();
  const drawn = await page.locator("svg.rg-svg").textContent();
  assert.ok(drawn.includes("Pleinenaanpak Kanaleneiland"), "the coalition is drawn");
  assert.ok(drawn.includes("Ontbreekt: bestuurlijk"), "its missing bestuurlijk level is drawn");
  const table = page.getByRole("table", { name: /Coalities in Zuidwest/ });
  const row = table.getByRole("row", { name: /Pleinenaanpak Kanaleneiland/ });
  const cells = await row.getByRole("cell").allTextContents();
  assert.equal(cells[0].trim(), "Ontbreekt", "bestuurlijk column says Ontbreekt");
  assert.match(cells[3], /geen bestuurlijke leden/, "the reason from coalitieAnalyse");
  await page.screenshot({ path: join(shots, "regie-wijk-desktop.png"), fullPage: true });
  // The demo's other gap: a buurtkamer in Ondiep without managerial members.
  await page.goto("/regie/wijk/utr-wk-noordwest");
  const noordwest = await page.locator("svg.rg-svg").textContent();
  assert.ok(noordwest.includes("Buurtkamer Speelveld Ondiep") && noordwest.includes("Ontbreekt: managerial"), "Noordwest's missing managerial level is drawn");
  const ondiep = page.getByRole("table", { name: /Coalities in Noordwest/ }).getByRole("row", { name: /Buurtkamer Speelveld Ondiep/ });
  assert.equal((await ondiep.getByRole("cell").allTextContents())[1].trim(), "Ontbreekt", "managerial column says Ontbreekt");
  await page.goto(zuidwest);
  await axe(page, "regie wijk");
  await page.setViewportSize(phone);
  await page.screenshot({ path: join(shots, "regie-wijk-phone.png"), fullPage: true });
  await axe(page, "regie wijk phone");
  await page.context().close();
});

test("an edit with a validation error shows the message next to the field", async () => {
  const page = await loginAs(/Bea/, `/regie/record/Aanbod/${geldzaken}`);
  await page.getByLabel("Naam (verplicht)").fill("");
  await page.getByLabel("Geldig tot").fill("1750-01-01");
  await page.getByRole("button", { name: "Opslaan" }).click();
  const naam = page.getByLabel("Naam (verplicht)");
  assert.equal(await naam.getAttribute("aria-invalid"), "true");
  assert.equal(await page.locator("#f-naam").innerText(), "is verplicht");
  assert.match(await page.locator("#f-geldigTot").innerText(), /tussen 1800 en 2200/);
  assert.ok(await page.getByRole("alert").first().isVisible());
  await page.screenshot({ path: join(shots, "regie-bewerken-fout-desktop.png"), fullPage: true });
  await axe(page, "edit form with errors");
  await page.context().close();
});

test("a partner's proposal, approved in the review queue, is on the resident page", async () => {
  const tekst = `Inloop over geldzaken, nu ook op donderdag (${Date.now()}).`;
  const partner = await loginAs(/Joost/, `/regie/record/Aanbod/${geldzaken}`);
  assert.ok(await partner.getByText("U mag dit record niet zelf wijzigen").isVisible(), "the partner is offered a proposal");
  await partner.getByLabel("Omschrijving").fill(tekst);
  await partner.getByLabel("Toelichting bij uw voorstel").fill("Sinds november ook op donderdag.");
  await partner.getByRole("button", { name: "Voorstel versturen" }).click();
  await partner.getByText("Uw voorstel is verstuurd").waitFor();

  const steward = await loginAs(/Bea/, zuidwest);
  const item = steward.locator(".rg-voorstel", { hasText: "Sinds november ook op donderdag." });
  assert.ok(await item.getByText(tekst).isVisible(), "the queue shows the proposed text");
  await steward.screenshot({ path: join(shots, "regie-wachtrij-desktop.png"), fullPage: true });
  await item.getByRole("button", { name: "Goedkeuren" }).click();
  await steward.getByText("Goedgekeurd: de wijziging staat op de kaart.").waitFor();

  await partner.goto("/regie/organisatie/");
  assert.equal(await partner.locator('[data-status="GOEDGEKEURD"]').count(), 1, "the partner sees it approved");

  const resident = await browser.newPage({ baseURL: server.url });
  await resident.goto(`/aanbod/${geldzaken}`);
  assert.ok(await resident.getByText(tekst).isVisible(), "the resident page shows the approved text");
  await resident.close();
  await partner.context().close();
  await steward.context().close();
});

test("a partner creates an API key, uses it, and revokes it", async () => {
  const page = await loginAs(/Joost/, "/regie/organisatie/");
  await page.getByLabel("Naam van de nieuwe sleutel").fill("Roosterkoppeling");
  await page.getByRole("button", { name: "Sleutel maken" }).click();
  const token = (await page.locator(".rg-token").innerText()).trim();
  assert.match(token, /^sk_[0-9a-f]+_/);
  await page.screenshot({ path: join(shots, "regie-organisatie-desktop.png"), fullPage: true });
  await axe(page, "partner page");
  const ask = () =>
    fetch(server.url + "/graphql", {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: "{ organisatie(id: \"utr-org-jou\") { naam } }" }),
    });
  assert.equal((await ask()).status, 200, "the new key works");
  const row = page.locator('[data-sleutel="Roosterkoppeling"]');
  await row.getByRole("button", { name: /Intrekken/ }).click();
  await page.getByText("De sleutel is ingetrokken").waitFor();
  assert.equal((await ask()).status, 401, "the revoked key is refused");
  await page.context().close();
});
