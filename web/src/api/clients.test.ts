import { describe, expect, it } from 'vitest';
import { jsonResponse, stubApi } from '../test/fakeFetch';
import { clientsQueryString, createClient, listClients, PREVIEW_BYTES, previewImport, startImport } from './clients';

const page = { items: [], page: 1, pageSize: 50, total: 0 };
const preview = {
  headers: ['First Name', 'Last Name', 'Mobile Phone'],
  sampleRows: [['Ada', 'Lovelace', '07700 900123']],
  suggestedMapping: { name: [0, 1], mobile: 2, email: null },
  encoding: 'utf-8',
  delimiter: ',',
};

function csvFile(bytes: number, name = 'clients.csv'): File {
  return new File(['a'.repeat(bytes)], name, { type: 'text/csv' });
}

describe('clientsQueryString', () => {
  it('asks for the first page of 50 when given nothing', () => {
    expect(clientsQueryString()).toBe('?page=1&pageSize=50');
  });

  it('trims the search, encodes it and leaves a blank one out', () => {
    expect(clientsQueryString({ search: '  o’brien & co ', page: 3, pageSize: 20 })).toBe('?search=o%E2%80%99brien+%26+co&page=3&pageSize=20');
    expect(clientsQueryString({ search: '   ', page: 2 })).toBe('?page=2&pageSize=50');
  });

  it('never asks for a page before the first', () => {
    expect(clientsQueryString({ page: 0 })).toBe('?page=1&pageSize=50');
  });
});

describe('clients api', () => {
  it('lists clients with the query in the address', async () => {
    const fetchMock = stubApi({ 'GET /api/clients?search=ada&page=2&pageSize=50': () => jsonResponse({ ...page, page: 2, total: 51 }) });

    const result = await listClients({ search: 'ada', page: 2 });

    expect(result).toMatchObject({ page: 2, total: 51, items: [] });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('sends blank contact details as null', async () => {
    const fetchMock = stubApi({
      'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
      'POST /api/clients': () => jsonResponse({ id: 'c1', name: 'Ada', mobile: null, email: 'ada@example.com', status: 'active', duplicates: [] }, 201),
    });

    await createClient({ name: ' Ada ', mobile: '  ', email: 'ada@example.com' });

    const [, init] = fetchMock.mock.calls.find(([url]) => String(url) === '/api/clients') ?? [];
    expect(JSON.parse(String(init?.body))).toEqual({ name: 'Ada', mobile: null, email: 'ada@example.com' });
    expect(new Headers(init?.headers).get('Content-Type')).toBe('application/json');
  });

  it('uploads the first 64 KB for a preview as multipart form data with the CSRF header', async () => {
    const fetchMock = stubApi({
      'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
      'POST /api/clients/import/preview': () => jsonResponse(preview),
    });

    const result = await previewImport(csvFile(PREVIEW_BYTES + 1000));

    expect(result.suggestedMapping).toEqual({ name: [0, 1], mobile: 2, email: null });
    const [, init] = fetchMock.mock.calls.find(([url]) => String(url) === '/api/clients/import/preview') ?? [];
    const headers = new Headers(init?.headers);
    expect(headers.get('X-CSRF-Token')).toBe('csrf-1');
    expect(headers.get('Content-Type')).toBeNull();
    expect(init?.body).toBeInstanceOf(FormData);
    const sent = (init?.body as FormData).get('file');
    expect(sent).toBeInstanceOf(Blob);
    expect((sent as Blob).size).toBe(PREVIEW_BYTES);
    expect((sent as File).name).toBe('clients.csv');
  });

  it('starts an import with the whole file, the mapping as JSON and the consent', async () => {
    const fetchMock = stubApi({
      'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
      'POST /api/clients/import': () => jsonResponse({ id: 'import-1' }, 202),
    });
    const file = csvFile(100_000);

    const id = await startImport(file, { name: [0, 2], mobile: 3, email: null });

    expect(id).toBe('import-1');
    const [, init] = fetchMock.mock.calls.find(([url]) => String(url) === '/api/clients/import') ?? [];
    expect(new Headers(init?.headers).get('X-CSRF-Token')).toBe('csrf-1');
    const form = init?.body as FormData;
    expect((form.get('file') as File).size).toBe(100_000);
    expect(JSON.parse(String(form.get('mapping')))).toEqual({ name: [0, 2], mobile: 3, email: null });
    expect(form.get('consent')).toBe('true');
  });
});
