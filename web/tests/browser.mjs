// Debian's Chromium, driven by playwright-core: never a downloaded browser.
import { chromium } from "playwright-core";

export const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export function launch() {
  return chromium.launch({
    executablePath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export const phone = { width: 375, height: 812 };
export const desktop = { width: 1280, height: 900 };
