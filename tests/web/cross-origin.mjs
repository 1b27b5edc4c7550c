// cross-origin.mjs EVIL_PAGE SARING_URL: a page on another origin submits a
// form to saring (no token, its own Origin): saring answers 403 and shows no verdict.
import { chromium } from 'playwright-core';

const [evil, target] = process.argv.slice(2);
const check = (name, ok, why) => console.log(ok ? `ok ${name}` : `FAIL ${name}: ${why}`);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM, args: ['--no-sandbox'] });
try {
	const page = await browser.newPage();
	const answer = page.waitForResponse((r) => r.url().startsWith(target) && r.request().method() === 'POST');
	await page.goto(evil);
	const r = await answer;
	check('a cross-origin form POST from a web page is refused (403)', r.status() === 403, `status ${r.status()}`);
	const body = await r.text();
	check('no verdict for the foreign page', !body.includes('id="verdict"'), 'a verdict card');
} finally {
	await browser.close();
}
