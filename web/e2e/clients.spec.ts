import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { heading, token, UK, useOneSignedInOwner } from './support/session';

test.use(UK);

const CONSENT =
  'I confirm these clients agreed to receive appointment reminders by SMS and/or email (and occasional direct messages from me), and that their details are correct to the best of my knowledge.';

useOneSignedInOwner('Clients');

async function addClient(page: Page, details: { name: string; mobile?: string; email?: string }) {
  await page.goto('/clients/new');
  await expect(heading(page, 'Add a client')).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill(details.name);
  if (details.mobile !== undefined) {
    await page.getByLabel('Mobile number').fill(details.mobile);
  }
  if (details.email !== undefined) {
    await page.getByLabel('Email address').fill(details.email);
  }
  await page.getByRole('button', { name: 'Add client' }).click();
  await expect(heading(page, details.name)).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: `${details.name} has been added.` })).toBeVisible();
}

async function searchClients(page: Page, search: string) {
  await page.getByRole('searchbox', { name: 'Search clients' }).fill(search);
  await expect(page).toHaveURL(new RegExp(`[?&]search=${encodeURIComponent(search)}`));
}

function clientRows(page: Page) {
  return page.getByRole('table').getByRole('rowgroup').last().getByRole('row');
}

function privacy(page: Page) {
  return page.getByRole('region', { name: 'Privacy' });
}

test('add a client, edit them, find them by searching and remove them', async ({ page }) => {
  const unique = token();
  const name = `Grace ${unique}`;
  const renamed = `Grace Hopper ${unique}`;

  await test.step('add a client with a UK number typed the way people write it', async () => {
    await page.goto('/clients');
    await expect(heading(page, 'Clients')).toBeVisible();
    await expect(page).toHaveTitle(/Clients/);
    await page.getByRole('link', { name: 'Add client', exact: true }).click();
    await expect(heading(page, 'Add a client')).toBeVisible();
    await expect(page.getByText('taken as United Kingdom numbers')).toBeVisible();
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Mobile number').fill('07700 900123');
    await page.getByRole('button', { name: 'Add client' }).click();

    await expect(heading(page, name)).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: `${name} has been added.` })).toBeVisible();
    await expect(page.locator('.client-summary')).toContainText('Active');
  });

  await test.step('edit the name', async () => {
    await page.getByRole('region', { name: 'Details' }).getByLabel('Name', { exact: true }).fill(renamed);
    await page.getByRole('button', { name: 'Save changes' }).click();

    await expect(page.getByRole('status').filter({ hasText: 'Your changes have been saved.' })).toBeVisible();
    await expect(heading(page, renamed)).toBeVisible();
    await expect(page).toHaveTitle(new RegExp(renamed));
  });

  await test.step('search for the client and see the number as a UK owner writes it', async () => {
    await page.getByRole('link', { name: 'Back to clients' }).click();
    await expect(heading(page, 'Clients')).toBeVisible();
    await searchClients(page, unique);

    await expect(clientRows(page)).toHaveCount(1);
    const row = clientRows(page).first();
    await expect(row.getByRole('link', { name: renamed })).toBeVisible();
    await expect(row).toContainText('07700 900123');
    await expect(page.getByText(`1 client found for “${unique}”.`)).toBeVisible();

    await page.reload();
    await expect(page.getByRole('searchbox', { name: 'Search clients' })).toHaveValue(unique);
    await expect(clientRows(page)).toHaveCount(1);
  });

  await test.step('remove the client after confirming', async () => {
    await clientRows(page).first().getByRole('link', { name: renamed }).click();
    await expect(heading(page, renamed)).toBeVisible();
    await privacy(page).getByRole('button', { name: 'Delete…' }).click();
    await expect(privacy(page).getByRole('group', { name: /every reminder and message that names them/ })).toBeVisible();
    await privacy(page).getByRole('button', { name: 'Yes, delete' }).click();

    await expect(heading(page, 'Clients')).toBeVisible();
    await expect(page).toHaveURL(/\/clients$/);
    await expect(page.getByRole('status').filter({ hasText: `${renamed} has been deleted` })).toBeVisible();
    await searchClients(page, unique);
    await expect(page.getByText(`No clients found for “${unique}”.`)).toBeVisible();
  });
});

test('a second client with the same mobile number is flagged as a possible duplicate', async ({ page }) => {
  const unique = token();
  const first = `Duplicate One ${unique}`;
  const second = `Duplicate Two ${unique}`;

  await addClient(page, { name: first, mobile: '07700 900456' });
  await addClient(page, { name: second, mobile: '+44 7700 900456' });

  await expect(page.getByText('Possible duplicate: another client has the same mobile number or email address.')).toBeVisible();
  const link = page.getByRole('main').getByRole('link', { name: `Possible duplicate of ${first}` });
  await expect(link).toBeVisible();

  await page.goto(`/clients?search=${unique}`);
  await expect(clientRows(page)).toHaveCount(2);
  for (const name of [first, second]) {
    const row = clientRows(page).filter({ has: page.getByRole('link', { name, exact: true }) });
    await expect(row.getByRole('link', { name: /^Possible duplicate/ })).toBeVisible();
  }

  await clientRows(page)
    .filter({ has: page.getByRole('link', { name: second, exact: true }) })
    .getByRole('link', { name: `Possible duplicate of ${first}` })
    .click();
  await expect(heading(page, first)).toBeVisible();
});

test('the import page offers a sample CSV in the layout it reads', async ({ page }) => {
  await page.goto('/clients/import');

  const link = page.getByRole('link', { name: 'Download a sample CSV' });
  await expect(link).toHaveAttribute('download', 'sample-clients.csv');
  const sample = await page.request.get((await link.getAttribute('href'))!);
  expect(sample.headers()['content-type']).toContain('text/csv');
  expect((await sample.text()).split('\r\n')[0]).toBe('Name,Mobile,Email');
});

test('import clients from a CSV file, then importing it again skips them all, naming each row', async ({ page }) => {
  test.setTimeout(120_000);
  const unique = token();
  const csv = [
    'First Name,Last Name,Mobile Phone,E-mail Address',
    `Alan,Turing ${unique},07700 900201,`,
    `Grace,Brewster ${unique},07700 900202,grace.${unique}@example.com`,
    `Katherine,Johnson ${unique},,katherine.${unique}@example.com`,
    `Tim,Berners-Lee ${unique},+44 7700 900204,`,
    `Margaret,Hamilton ${unique},07700900205,margaret.${unique}@example.com`,
    `Letters,In Number ${unique},07700 ABC206,`,
    `Nothing,To Reach ${unique},,`,
    `Zoë 🎉,Party ${unique},,party.${unique}@example.com`,
    `مريم,الخوارزمي,07700 900209,maryam.${unique}@example.com`,
    `Hedy,Lamarr ${unique},07700 XYZ210,hedy.${unique}@example.com`,
  ].join('\r\n');
  const file = { name: `clients-${unique}.csv`, mimeType: 'text/csv', buffer: Buffer.from(`${csv}\r\n`, 'utf8') };

  async function importTheFile() {
    await expect(heading(page, 'Import clients from CSV')).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Step 1 of 5: Choose a file' })).toBeVisible();
    await page.getByLabel('CSV file').setInputFiles(file);
    await expect(page.getByText(file.name)).toBeVisible();
    await page.getByRole('button', { name: 'Continue' }).click();

    await expect(page.getByRole('heading', { level: 2, name: 'Step 2 of 5: Match the columns' })).toBeVisible();
    await expect(page.getByRole('table', { name: /first .*of your file/ })).toContainText(`Turing ${unique}`);
    await expect(page.getByLabel('Name column', { exact: true })).toHaveValue('0');
    await expect(page.getByLabel('Second name column')).toHaveValue('1');
    await expect(page.getByLabel('Mobile number column')).toHaveValue('2');
    await expect(page.getByLabel('Email address column')).toHaveValue('3');
    await page.getByRole('button', { name: 'Continue' }).click();

    await expect(page.getByRole('heading', { level: 2, name: 'Step 3 of 5: Confirm consent' })).toBeVisible();
    await expect(page.getByText('We record this confirmation with the time and this import.')).toBeVisible();
    await page.getByRole('checkbox', { name: CONSENT }).check();
    await page.getByRole('button', { name: 'Start import' }).click();

    await expect(page.getByRole('heading', { level: 2, name: 'Step 5 of 5: Report' })).toBeVisible({ timeout: 60_000 });
  }

  await test.step('the first import creates eight clients (one by email only) and names the two rows it rejects', async () => {
    await page.goto('/clients');
    await page.getByRole('link', { name: 'Import from CSV', exact: true }).first().click();
    await importTheFile();

    await expect(page.getByRole('status').filter({ hasText: 'has finished' })).toContainText('8 created, 0 skipped, 2 rejected');
    const rejected = page.getByRole('table', { name: 'Rejected rows' });
    await expect(rejected.getByRole('row')).toHaveCount(3);
    for (const [line, name] of [['7', `Letters In Number ${unique}`], ['8', `Nothing To Reach ${unique}`]] as const) {
      const row = rejected.getByRole('row').filter({ has: page.getByRole('cell', { name: line, exact: true }) });
      await expect(row).toHaveCount(1);
      await expect(row.getByRole('cell', { name, exact: true })).toBeVisible();
    }
    const emailOnly = page.getByRole('table', { name: 'Imported without their mobile number' });
    await expect(emailOnly.getByRole('row').filter({ hasText: `Hedy Lamarr ${unique}` })).toContainText('Imported with the email address only');
    await expect(page.getByRole('link', { name: 'Download rejected rows (CSV)' })).toHaveAttribute(
      'href',
      /\/api\/clients\/import\/.+\/rejected\.csv$/,
    );
  });

  await test.step('the imported clients are listed, emoji and right-to-left names included', async () => {
    await page.getByRole('link', { name: 'Go to clients' }).click();
    await expect(heading(page, 'Clients')).toBeVisible();
    await searchClients(page, unique);
    await expect(clientRows(page)).toHaveCount(8);
    await expect(page.getByRole('link', { name: `Zoë 🎉 Party ${unique}` })).toBeVisible();
    await expect(page.getByRole('link', { name: 'مريم الخوارزمي' })).toBeVisible();
    await expect(page.getByRole('link', { name: `Alan Turing ${unique}` })).toBeVisible();
  });

  await test.step('importing the same file again creates nobody', async () => {
    await page.goto('/clients/import');
    await importTheFile();

    await expect(page.getByRole('status').filter({ hasText: 'has finished' })).toContainText('0 created, 8 skipped, 2 rejected');
    const skipped = page.getByRole('table', { name: 'Skipped rows' });
    await expect(skipped.getByRole('row')).toHaveCount(9);
    await expect(skipped.getByRole('cell', { name: `Alan Turing ${unique}`, exact: true })).toBeVisible();
  });
});

test('restrict, allow again, anonymise and delete a client', async ({ page }) => {
  const name = `Private Person ${token()}`;
  await addClient(page, { name, mobile: '07700 900789', email: `private.${token()}@example.com` });

  await test.step('restrict: kept, but nothing is sent', async () => {
    await expect(privacy(page)).toContainText('no reminders or messages are sent to them');
    await privacy(page).getByRole('button', { name: 'Restrict' }).click();
    await expect(privacy(page).getByRole('status')).toContainText(`${name} is restricted`);
    await expect(page.locator('.client-summary')).toContainText('Restricted');
  });

  await test.step('allow again', async () => {
    await privacy(page).getByRole('button', { name: 'Allow again' }).click();
    await expect(privacy(page).getByRole('status')).toContainText('no longer restricted');
    await expect(page.locator('.client-summary')).toContainText('Active');
  });

  await test.step('anonymise after confirming', async () => {
    await expect(privacy(page)).toContainText('This cannot be undone.');
    await privacy(page).getByRole('button', { name: 'Anonymise…' }).click();
    await privacy(page).getByRole('button', { name: 'Yes, anonymise' }).click();
    await expect(privacy(page).getByRole('status')).toContainText(`${name} has been anonymised.`);
    await expect(page.locator('.client-summary')).toContainText('Anonymised');
    await expect(heading(page, name)).toBeHidden();
    await expect(page.getByRole('region', { name: 'Details' })).toContainText('This client has been anonymised');

    await page.reload();
    await expect(page.locator('.client-summary')).toContainText('Anonymised');
    await expect(page.getByRole('main')).not.toContainText(name);
  });

  await test.step('delete after confirming', async () => {
    await privacy(page).getByRole('button', { name: 'Delete…' }).click();
    await privacy(page).getByRole('button', { name: 'Yes, delete' }).click();
    await expect(heading(page, 'Clients')).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'has been deleted' })).toBeVisible();
  });
});

test('the data page lists what we hold and the JSON export contains the clients', async ({ page }) => {
  const name = `Exported Client ${token()}`;
  await addClient(page, { name, email: `exported.${token()}@example.com` });

  await test.step('reach the page from Settings and from the footer', async () => {
    await page.goto('/settings');
    await page.getByRole('region', { name: 'Your data' }).getByRole('link', { name: 'Everything we hold' }).click();
    await expect(heading(page, 'Everything we hold')).toBeVisible();

    await page.goto('/clients');
    await page.getByRole('navigation', { name: 'Footer' }).getByRole('link', { name: 'Everything we hold' }).click();
    await expect(heading(page, 'Everything we hold')).toBeVisible();
    await expect(page).toHaveTitle(/Everything we hold/);
  });

  await test.step('see the categories with counts and how long each is kept', async () => {
    const table = page.getByRole('table', { name: /kinds of data we hold/ });
    await expect(table.getByRole('columnheader', { name: 'How long we keep it' })).toBeVisible();
    await expect(table.getByRole('row')).not.toHaveCount(1);
    await expect(page.getByRole('main')).toContainText('data portability');
  });

  await test.step('download the JSON export', async () => {
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download everything as JSON' }).click();
    const download = await downloading;

    expect(download.suggestedFilename()).toMatch(/\.json$/);
    const exported = await readFile(await download.path(), 'utf8');
    expect(() => JSON.parse(exported) as unknown).not.toThrow();
    expect(exported).toContain(name);
  });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('the client list fits the screen as cards', async ({ page }) => {
    const unique = token();
    await addClient(page, { name: `Phone Card ${unique}`, mobile: '07700 900999', email: `card.${unique}@example.com` });

    await page.goto(`/clients?search=${unique}`);
    await expect(clientRows(page)).toHaveCount(1);
    await expect(clientRows(page).first()).toContainText('07700 900999');

    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
