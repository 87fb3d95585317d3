import { expect, test } from '@playwright/test';
import { heading, UK, useOneSignedInOwner } from './support/session';

test.use(UK);

useOneSignedInOwner('Email template');

test('the plain email editor previews the email as it is sent: laid out, styled, with the business details, and warns of blank placeholders', async ({ page }) => {
  test.setTimeout(60_000);
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    // The sandbox refusing this test's own probes into the script-less email frame is the sandbox working, not a page error.
    if (message.type() === 'error' && !message.text().startsWith('Blocked script execution in \'about:')) {
      consoleErrors.push(message.text());
    }
  });

  await test.step('give the business an address and phone in Settings', async () => {
    await page.goto('/settings');
    await expect(heading(page, 'Settings')).toBeVisible();
    await page.getByLabel('Business address').fill('1 Quay St, Bristol BS1 4DJ');
    await page.getByLabel('Business phone').fill('0117 496 0000');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Your profile has been saved.' })).toBeVisible();
  });

  const form = page.getByRole('form', { name: 'Email template' });
  const email = form.frameLocator('iframe[title="Email preview, HTML version"]').frameLocator('iframe');

  await test.step('write the message as text; the preview shows it laid out with the business at the foot', async () => {
    await page.goto('/reminders');
    await expect(form.getByRole('radio', { name: 'Write the message' })).toBeChecked();
    await expect(form.getByLabel('HTML version')).toHaveCount(0);
    await form.getByRole('textbox', { name: 'Message' }).fill('Hi {ClientFirstName},\n\nYour {Title} is on {Date} at {Time}.\n\nCall {BusinessPhone} to move it.');

    await expect(email.locator('body')).toContainText('Hi Alex,');
    await expect(email.locator('body')).toContainText('Call 0117 496 0000 to move it.');
    await expect(email.locator('body')).toContainText('1 Quay St, Bristol BS1 4DJ');
    await expect(email.locator('body')).toContainText('Unsubscribe from these emails');
    await expect(email.getByRole('link', { name: 'Add to my calendar' })).toBeVisible();
    await expect(email.getByRole('link', { name: '0117 496 0000' })).toHaveAttribute('href', 'tel:01174960000');
    // The email's own inline styles apply, as in a mail app: its font, not the browser's serif default.
    expect(await email.locator('p').first().evaluate((paragraph) => getComputedStyle(paragraph).fontFamily)).toContain('Arial');
    await expect(form.getByRole('note')).toContainText('{Title} will be blank: your reminders leave out appointment titles');
  });

  await test.step('the advanced format is there, and the plain one saves and comes back', async () => {
    await form.getByRole('radio', { name: 'Your own HTML (advanced)' }).check();
    await expect(form.getByLabel('HTML version')).toBeVisible();
    await form.getByRole('radio', { name: 'Write the message' }).check();
    await form.getByRole('button', { name: 'Save email template' }).click();
    await expect(form.getByRole('status').filter({ hasText: 'The email template has been saved.' })).toBeVisible();

    await page.reload();
    await expect(form.getByRole('textbox', { name: 'Message' })).toHaveValue(/Call \{BusinessPhone\} to move it\./);
    await expect(email.locator('body')).toContainText('Call 0117 496 0000 to move it.');
  });

  expect(consoleErrors).toEqual([]);
});
