// browser.mjs URL CHAT OUTDIR [REPORT]: saring serve in a real headless Chromium
// (Debian's, through playwright-core): paste a message, submit, read the
// verdict, copy the reply and read it back from the clipboard, upload a
// chat export; screenshots go to OUTDIR. Any console error, page error or
// request to another origin fails the run. REPORT, a `saring scan --html`
// file, is opened too: it must render with no errors and fetch nothing.
// Prints "ok NAME" or "FAIL NAME: why" per check; exits 1 on a failure.
// Run by tests/suites/web.sh; CHROMIUM overrides the browser's path.
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [url, chat, outdir, report] = process.argv.slice(2);
const message = 'Info penting!! vaksin covid yg mau disuntikkan ke rakyat itu ada MICROCHIP nya, ' +
	'nanti aktif kalo kena sinyal 5G';
const origin = new URL(url).origin;
let failed = 0;

function check(name, ok, why) {
	if (ok) {
		console.log(`ok ${name}`);
	} else {
		failed++;
		console.log(`FAIL ${name}: ${why}`);
	}
}

mkdirSync(outdir, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), 'saring-chromium-'));
let context;
try {
	context = await chromium.launchPersistentContext(profile, {
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync'],
		viewport: { width: 900, height: 900 },
		timeout: 60000,
	});
	await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
	const page = context.pages()[0] || await context.newPage();
	page.setDefaultTimeout(20000);
	const errors = [], foreign = [];
	page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
	page.on('pageerror', (e) => errors.push(String(e)));
	page.on('request', (r) => {
		const u = r.url();
		if (!u.startsWith('data:') && new URL(u).origin !== origin)
			foreign.push(u);
	});

	const front = await page.goto(url);
	check('front page loads', front && front.status() === 200, `status ${front && front.status()}`);
	check('copy button hidden before a verdict', (await page.locator('#copy').count()) === 0,
		'a copy button without a reply');

	await page.fill('#text', message);
	await Promise.all([page.waitForNavigation(), page.click('form[action="/"] button[type=submit]')]);
	const verdict = (await page.textContent('#verdict .verdict')).trim();
	check('verdict for the microchip message', /^(HOAX|HOAKS)$/.test(verdict), `verdict '${verdict}'`);
	const cls = await page.getAttribute('#verdict', 'class');
	check('verdict card is the hoax card', /\bv-hoax\b/.test(cls), `class '${cls}'`);
	check('message stays in the box', (await page.inputValue('#text')) === message, 'box changed');
	check('snippet highlights', (await page.locator('#verdict mark').count()) > 0, 'no <mark> in the sources');

	const reply = await page.inputValue('#reply');
	check('reply text', /\*(HOAX|HOAKS)\*/.test(reply), `reply '${reply}'`);
	check('copy button shown by the script', await page.isVisible('#copy'), 'button hidden');
	await page.click('#copy');
	await page.waitForFunction(() => document.getElementById('copied').textContent.length > 0);
	const clip = await page.evaluate(() => navigator.clipboard.readText());
	check('copy puts the reply on the clipboard', clip === reply,
		`clipboard '${clip.slice(0, 80)}' (${clip.length} chars), reply ${reply.length} chars`);
	await page.screenshot({ path: join(outdir, 'check.png'), fullPage: true });

	await page.setViewportSize({ width: 390, height: 844 });
	const wide = await page.evaluate(() => document.documentElement.scrollWidth);
	check('fits a phone screen', wide <= 390, `page is ${wide}px wide at 390px`);
	await page.screenshot({ path: join(outdir, 'check-mobile.png'), fullPage: true });
	await page.setViewportSize({ width: 900, height: 900 });

	await page.setInputFiles('#file', chat);
	await Promise.all([page.waitForNavigation(), page.click('#chat button[type=submit]')]);
	const summary = await page.textContent('#summary');
	check('chat upload shows the summary', /starter-hoax-001/.test(summary) && /\b2\b/.test(summary),
		summary.slice(0, 200));
	await page.screenshot({ path: join(outdir, 'scan.png'), fullPage: true });

	check('no console errors', errors.length === 0, errors.join(' | '));
	check('no requests to other origins', foreign.length === 0, foreign.join(' '));

	if (report) {
		const rp = await context.newPage();
		const rerrors = [], fetched = [];
		rp.on('console', (m) => { if (m.type() === 'error') rerrors.push(m.text()); });
		rp.on('pageerror', (e) => rerrors.push(String(e)));
		rp.on('request', (r) => { if (!r.url().startsWith('file:')) fetched.push(r.url()); });
		await rp.goto('file://' + report);
		check('report: chart drawn', (await rp.locator('svg rect').count()) > 0, 'no bars in the chart');
		const text = await rp.textContent('body');
		check('report: known hoax listed', /Vaksin COVID-19 disebut berisi microchip/.test(text), text.slice(0, 200));
		check('report: no errors', rerrors.length === 0, rerrors.join(' | '));
		check('report: fetches nothing', fetched.length === 0, fetched.join(' '));
		await rp.screenshot({ path: join(outdir, 'report.png'), fullPage: true });
	}
} catch (e) {
	check('browser run', false, e && e.stack ? e.stack : String(e));
} finally {
	if (context)
		await context.close().catch(() => {});
	rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
