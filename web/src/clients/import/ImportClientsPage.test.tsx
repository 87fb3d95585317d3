import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { APP_SHELL_REQUESTS, jsonResponse, signedInOwner, stubApi } from '../../test/fakeFetch';
import { renderAppAt } from '../../test/renderApp';
import { CONSENT_STATEMENT } from './ConsentStep';

const HEADERS = ['First Name', 'Last Name', 'Mobile Phone', 'E-mail Address', 'Notes'];
const preview = {
  headers: HEADERS,
  sampleRows: [['Ada', 'Lovelace', '07700 900123', 'ada@example.com', 'Prefers mornings']],
  suggestedMapping: { name: [0, 1], mobile: 2, email: 3 },
  encoding: 'utf-8',
  delimiter: ',',
};
const completed = {
  id: 'import-1',
  fileName: 'clients.csv',
  status: 'completed',
  totalRows: 3,
  processedRows: 3,
  created: 2,
  skipped: 0,
  rejected: 1,
  rejectedRows: [{ line: 3, name: 'Bob Letters', reason: 'The mobile number has letters in it.' }],
  skippedRows: [],
  importedWithoutMobileRows: [],
  createdAt: '2026-11-21T10:00:00Z',
  completedAt: '2026-11-21T10:00:02Z',
  error: null,
};

function stubImportApi() {
  return stubApi({
    'GET /api/me': () => jsonResponse(signedInOwner),
    'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
    'POST /api/clients/import/preview': () => jsonResponse(preview),
    'POST /api/clients/import': () => jsonResponse({ id: 'import-1' }, 202),
    'GET /api/clients/import/import-1': () => jsonResponse(completed),
  });
}

function selectValue(label: string): string {
  return (screen.getByLabelText(label) as HTMLSelectElement).value;
}

async function chooseFileAndPreview() {
  renderAppAt('/clients/import');
  await screen.findByRole('heading', { level: 1, name: 'Import clients from CSV' });
  await userEvent.upload(screen.getByLabelText('CSV file'), new File(['First Name,Last Name\n'], 'clients.csv', { type: 'text/csv' }));
  await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
  await screen.findByRole('heading', { level: 2, name: 'Step 2 of 5: Match the columns' });
}

describe('importing clients from CSV', () => {
  it('refuses a file over 10 MB before uploading anything', async () => {
    const fetchMock = stubImportApi();
    renderAppAt('/clients/import');
    await screen.findByRole('heading', { level: 1, name: 'Import clients from CSV' });
    const big = new File(['x'], 'everyone.csv', { type: 'text/csv' });
    Object.defineProperty(big, 'size', { value: 11 * 1024 * 1024 });

    await userEvent.upload(screen.getByLabelText('CSV file'), big);
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));

    expect((await screen.findByRole('alert')).textContent).toContain('everyone.csv is 11.0 MB; files can be up to 10.0 MB.');
    expect(fetchMock.mock.calls.map(([url]) => String(url))).toEqual(APP_SHELL_REQUESTS);
  });

  it('preselects the suggested columns and shows the first rows of the file', async () => {
    stubImportApi();
    await chooseFileAndPreview();

    expect(selectValue('Name column')).toBe('0');
    expect(selectValue('Second name column')).toBe('1');
    expect(selectValue('Third name column')).toBe('');
    expect(selectValue('Mobile number column')).toBe('2');
    expect(selectValue('Email address column')).toBe('3');
    const sample = within(screen.getByRole('table', { name: 'The first row of your file' }));
    expect(sample.getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual(HEADERS);
    expect(sample.getByText('Prefers mornings')).toBeTruthy();
  });

  it('will not continue without a name column and a mobile or email column', async () => {
    stubImportApi();
    await chooseFileAndPreview();

    await userEvent.selectOptions(screen.getByLabelText('Name column'), '');
    await userEvent.selectOptions(screen.getByLabelText('Second name column'), '');
    await userEvent.selectOptions(screen.getByLabelText('Mobile number column'), '');
    await userEvent.selectOptions(screen.getByLabelText('Email address column'), '');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));

    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('Choose the column (or columns) with your clients’ names.');
    expect(summary.textContent).toContain('Choose the column with mobile numbers, the one with email addresses, or both.');
    expect(screen.getByLabelText('Name column').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('heading', { level: 2, name: 'Step 2 of 5: Match the columns' })).toBeTruthy();

    await userEvent.selectOptions(screen.getByLabelText('Name column'), 'First Name');
    await userEvent.selectOptions(screen.getByLabelText('Email address column'), 'E-mail Address');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));

    expect(await screen.findByRole('heading', { level: 2, name: 'Step 3 of 5: Confirm consent' })).toBeTruthy();
  });

  it('needs the consent ticked, then uploads with the mapping and reports the result', async () => {
    const fetchMock = stubImportApi();
    await chooseFileAndPreview();
    await userEvent.selectOptions(screen.getByLabelText('Third name column'), 'Notes');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByRole('heading', { level: 2, name: 'Step 3 of 5: Confirm consent' });
    expect(screen.getByText('First Name + Last Name + Notes')).toBeTruthy();
    expect(screen.getByText('We record this confirmation with the time and this import.')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Start import' }));

    expect((await screen.findByRole('alert')).textContent).toContain('Tick the box to confirm');
    expect(fetchMock.mock.calls.some(([url]) => String(url) === '/api/clients/import')).toBe(false);

    await userEvent.click(screen.getByRole('checkbox', { name: CONSENT_STATEMENT }));
    await userEvent.click(screen.getByRole('button', { name: 'Start import' }));

    expect(await screen.findByRole('heading', { level: 2, name: 'Step 5 of 5: Report' })).toBeTruthy();
    const [, init] = fetchMock.mock.calls.find(([url]) => String(url) === '/api/clients/import') ?? [];
    const form = init?.body as FormData;
    expect(JSON.parse(String(form.get('mapping')))).toEqual({ name: [0, 1, 4], mobile: 2, email: 3 });
    expect(form.get('consent')).toBe('true');
    expect(screen.getByTestId('path').textContent).toBe('/clients/import?import=import-1');
    const rejected = within(screen.getByRole('table', { name: 'Rejected rows' }));
    expect(rejected.getByText('The mobile number has letters in it.')).toBeTruthy();
    expect(rejected.getByRole('cell', { name: 'Bob Letters' })).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'Skipped rows' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Download rejected rows (CSV)' }).getAttribute('href')).toBe(
      '/api/clients/import/import-1/rejected.csv',
    );
    expect(screen.getByRole('link', { name: 'Go to clients' }).getAttribute('href')).toBe('/clients');
  });

  it('shows progress while the import runs, asking again every second, then the report', async () => {
    let polls = 0;
    stubApi({
      'GET /api/me': () => jsonResponse(signedInOwner),
      'GET /api/clients/import/import-1': () => {
        polls += 1;
        return jsonResponse(polls === 1 ? { ...completed, status: 'running', totalRows: 10, processedRows: 3, completedAt: null } : completed);
      },
    });
    renderAppAt('/clients/import?import=import-1');

    const bar = await screen.findByRole('progressbar', { name: 'Import progress' });
    expect(bar.getAttribute('value')).toBe('3');
    expect(bar.getAttribute('max')).toBe('10');
    expect(screen.getByText('3 of 10 rows processed…')).toBeTruthy();
    expect(await screen.findByRole('heading', { level: 2, name: 'Step 5 of 5: Report' }, { timeout: 3000 })).toBeTruthy();
    expect(polls).toBe(2);
    expect(screen.getByText(/has finished/).textContent).toContain('2 created, 0 skipped, 1 rejected');
  });
});
