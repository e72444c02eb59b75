// A city's portal (issue 12 item 7): the deployment's brand ([brand] of data/demo/kaifang.toml,
// which tests/e2e/run.sh gives the main server) in the page title, the header and the footer,
// the footer's bureau contact, filing number and accessibility statement, and the statement
// page itself. Screenshots of the home page at 1366 and 390 px go to tests/e2e/results/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, launchBrowser, newPage, skipWithoutServer as skip, snap, assertClean } from './browser.mjs';

async function site() {
  const res = await fetch(`${baseUrl}/api/v1/site`);
  assert.equal(res.status, 200);
  return res.json();
}

describe('the city portal', { skip }, () => {
  let browser;
  let brand;
  before(async () => {
    browser = await launchBrowser();
    brand = await site();
  });
  after(async () => {
    await browser?.close();
  });

  test('the demo deployment is branded as the city of Weifang', () => {
    assert.equal(brand.name, '潍坊市公共数据开放平台');
    assert.equal(brand.region?.name, '潍坊市');
    assert.ok(brand.logo_url, 'a logo');
    assert.ok(brand.contact.bureau && brand.icp, 'the footer has a bureau and an ICP number to show');
  });

  for (const viewport of [
    { width: 1366, height: 768 },
    { width: 390, height: 844 },
  ]) {
    test(`the home page at ${viewport.width}px names the portal in title, header and footer`, { timeout: 90_000 }, async () => {
      const { context, page, problems } = await newPage(browser, { viewport });
      try {
        // The title is right in the first answer, before any script has run.
        const html = await (await fetch(`${baseUrl}/`)).text();
        assert.match(html, new RegExp(`<title>${brand.name}</title>`));

        await page.goto('/');
        await page.getByRole('heading', { level: 1, name: brand.name }).waitFor();
        assert.equal(await page.title(), brand.name, 'the home page is titled with the portal alone');

        const header = page.locator('header.topbar');
        const shown = viewport.width >= 768 ? brand.name : brand.short_name;
        await header.getByText(shown, { exact: true }).waitFor();
        assert.ok(await header.getByText(shown, { exact: true }).isVisible(), `header shows "${shown}"`);
        const logo = header.locator('img.topbar-logo');
        await logo.waitFor();
        assert.ok(
          await logo.evaluate((img) => img.complete && img.naturalWidth > 0),
          'the logo has loaded',
        );
        const background = await header.evaluate((el) => getComputedStyle(el).backgroundColor);
        assert.equal(background, 'rgb(13, 59, 102)', `header colour from [brand.colors] header ${brand.colors.header}`);

        const footer = page.getByRole('contentinfo');
        await footer.scrollIntoViewIfNeeded();
        await footer.getByTestId('footer-name').getByText(brand.name).waitFor();
        assert.match(await footer.innerText(), new RegExp(brand.contact.bureau));
        assert.match(await footer.getByTestId('footer-icp').innerText(), new RegExp(brand.icp.replace(/[-]/g, '\\$&')));
        assert.match(await footer.getByTestId('footer-phone').innerText(), new RegExp(brand.contact.phone));
        assert.ok(await footer.getByTestId('footer-notice').isVisible(), 'the demo says its contact details are examples');
        await footer.getByRole('link', { name: '无障碍声明' }).waitFor();

        // Search, topics and featured datasets come before the rest.
        const order = await page.evaluate(() =>
          ['home-search', 'domain-tiles', 'featured', 'home-deadlines'].map((id) => {
            const el = document.querySelector(`[data-testid="${id}"]`);
            return el ? el.getBoundingClientRect().top + window.scrollY : -1;
          }),
        );
        assert.ok(order.every((y) => y >= 0), `every section is there (${order})`);
        assert.deepEqual([...order].sort((a, b) => a - b), order, `search, topics, featured, then the rest (${order})`);

        // The charts below the fold arrive when scrolled to.
        await page.getByTestId('portal-overview').getByText('开放数据统计').scrollIntoViewIfNeeded();
        await page.getByRole('img', { name: '各领域数据集' }).locator('svg').waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 1, `no horizontal overflow (${overflow}px)`);
        await page.evaluate(() => window.scrollTo(0, 0));
        await snap(page, `home-${viewport.width}`);
        assertClean(problems);
      } finally {
        await context.close();
      }
    });
  }

  test('page titles name the page and the portal', { timeout: 60_000 }, async () => {
    const { context, page, problems } = await newPage(browser);
    try {
      await page.goto('/catalog');
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      assert.equal(await page.title(), `数据目录 - ${brand.name}`);
      const hit = (await (await fetch(`${baseUrl}/api/v1/catalog?size=1&open=unconditional`)).json()).items[0];
      await page.goto(`/datasets/${encodeURIComponent(hit.code)}`);
      await page.getByRole('heading', { level: 1, name: hit.name }).waitFor();
      await page.waitForFunction((t) => document.title === t, `${hit.name} - ${brand.name}`);
      await page.getByTestId('lang-switch').click();
      await page.waitForFunction((t) => document.title.endsWith(t), brand.name_en);
      await page.getByTestId('lang-switch').click();
      assertClean(problems);
    } finally {
      await context.close();
    }
  });

  test('the accessibility statement is one click from the footer and says whom to tell', { timeout: 60_000 }, async () => {
    const { context, page, problems } = await newPage(browser);
    try {
      await page.goto('/providers');
      await page.getByRole('contentinfo').getByRole('link', { name: '无障碍声明' }).click();
      await page.waitForURL(/\/accessibility$/);
      await page.getByRole('heading', { level: 1, name: '无障碍声明' }).waitFor();
      assert.equal(await page.title(), `无障碍声明 - ${brand.name}`);
      const statement = page.getByTestId('a11y-statement');
      assert.match(await statement.innerText(), /GB\/T 37668/);
      assert.match(await statement.innerText(), new RegExp(brand.name));
      const feedback = page.getByTestId('a11y-feedback');
      assert.match(await feedback.innerText(), new RegExp(brand.contact.bureau));
      const mail = feedback.getByRole('link', { name: brand.contact.email });
      assert.match(await mail.getAttribute('href'), new RegExp(`^mailto:${brand.contact.email}`));
      await snap(page, 'accessibility-statement');
      assertClean(problems);
    } finally {
      await context.close();
    }
  });
});
