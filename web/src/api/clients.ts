import { API_BASE_PATH, apiDelete, apiGet, apiPost, apiPostForm, apiPut, isRecord, type RequestOptions } from './client';
import { blankToNull, numberOr, stringOr, stringOrNull, unexpected } from './parse';

export type ClientStatus = 'active' | 'restricted' | 'opted-out' | 'anonymised';
export const CLIENT_STATUSES: readonly ClientStatus[] = ['active', 'restricted', 'opted-out', 'anonymised'];

export interface Client {
  id: string;
  name: string;
  /** E.164, e.g. +447700900123. */
  mobile: string | null;
  /** The mobile as the owner reads it: national format for the account's country, international otherwise. */
  mobileDisplay: string | null;
  /** Why texts cannot reach the stored mobile (saved before the checks were this close), or null. */
  mobileProblem: string | null;
  email: string | null;
  /** "opted-out": they replied STOP, and nothing is sent to them until they reply START. */
  status: ClientStatus;
  /** Unsubscribed from reminder emails only; texts still go. */
  emailOptedOut: boolean;
  /** Ids of other clients with the same mobile or email. */
  duplicates: string[];
  createdAt: string;
  updatedAt: string;
}

export interface ClientPage {
  items: Client[];
  page: number;
  pageSize: number;
  total: number;
}

export interface ClientQuery {
  search?: string;
  page?: number;
  pageSize?: number;
}

export interface ClientDetails {
  name: string;
  mobile: string;
  email: string;
}

/** Which columns of the file hold what, by column index; several name columns are joined with spaces. */
export interface ColumnMapping {
  name: number[];
  mobile: number | null;
  email: number | null;
}

export interface ImportPreview {
  headers: string[];
  sampleRows: string[][];
  suggestedMapping: ColumnMapping;
  encoding: string;
  delimiter: string;
}

export type ImportStatus = 'queued' | 'running' | 'completed' | 'failed';

/** A row the import report names: its line in the file, the client's name as written there ('' when it had none), and why. */
export interface RejectedRow {
  line: number;
  name: string;
  reason: string;
}

export interface ClientImport {
  id: string;
  fileName: string;
  status: ImportStatus;
  totalRows: number | null;
  processedRows: number;
  created: number;
  skipped: number;
  rejected: number;
  rejectedRows: RejectedRow[];
  /** Already clients, or repeated in the file. */
  skippedRows: RejectedRow[];
  /** Imported with their email only, because their mobile was not usable (counted in `created`). */
  importedWithoutMobileRows: RejectedRow[];
  createdAt: string;
  completedAt: string | null;
  error: string | null;
}

export interface DataCategory {
  key: string;
  name: string;
  description: string;
  count: number | null;
  retention: string;
}

export interface DataSummary {
  categories: DataCategory[];
  generatedAt: string;
}

export type ExportFormat = 'json' | 'csv';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
/** The preview reads the start of the file only; no need to upload all of it twice. */
export const PREVIEW_BYTES = 64 * 1024;
const UPLOAD_TIMEOUT_MS = 120_000;

type Signal = Pick<RequestOptions, 'signal'>;

/** "?search=ada&page=2&pageSize=50": a blank search is left out. */
export function clientsQueryString({ search = '', page = 1, pageSize = DEFAULT_PAGE_SIZE }: ClientQuery = {}): string {
  const params = new URLSearchParams();
  if (search.trim() !== '') {
    params.set('search', search.trim());
  }
  params.set('page', String(Math.max(1, Math.floor(page))));
  params.set('pageSize', String(pageSize));
  return `?${params.toString()}`;
}

export async function listClients(query: ClientQuery = {}, options: Signal = {}): Promise<ClientPage> {
  return parseClientPage(await apiGet<unknown>(`/clients${clientsQueryString(query)}`, options), query);
}

/** What the page does not say is taken from the query that asked for it. */
export function parseClientPage(body: unknown, query: ClientQuery = {}): ClientPage {
  if (!isRecord(body) || !Array.isArray(body.items)) {
    throw unexpected();
  }
  return {
    items: body.items.map(parseClient),
    page: numberOr(body.page, query.page ?? 1),
    pageSize: numberOr(body.pageSize, query.pageSize ?? DEFAULT_PAGE_SIZE),
    total: numberOr(body.total, body.items.length),
  };
}

export async function getClient(id: string, options: Signal = {}): Promise<Client> {
  return parseClient(await apiGet<unknown>(clientPath(id), options));
}

export async function createClient(details: ClientDetails): Promise<Client> {
  return parseClient(await apiPost<unknown>('/clients', detailsBody(details)));
}

export async function updateClient(id: string, details: ClientDetails): Promise<Client> {
  return parseClient(await apiPut<unknown>(clientPath(id), detailsBody(details)));
}

export async function deleteClient(id: string): Promise<void> {
  await apiDelete<unknown>(clientPath(id));
}

export async function restrictClient(id: string): Promise<Client> {
  return parseClient(await apiPost<unknown>(`${clientPath(id)}/restrict`));
}

export async function unrestrictClient(id: string): Promise<Client> {
  return parseClient(await apiPost<unknown>(`${clientPath(id)}/unrestrict`));
}

export async function anonymiseClient(id: string): Promise<Client> {
  return parseClient(await apiPost<unknown>(`${clientPath(id)}/anonymise`));
}

export async function previewImport(file: File): Promise<ImportPreview> {
  const form = new FormData();
  form.append('file', file.slice(0, PREVIEW_BYTES), file.name);
  const body = await apiPostForm<unknown>('/clients/import/preview', form, { timeoutMs: UPLOAD_TIMEOUT_MS });
  if (!isRecord(body) || !Array.isArray(body.headers) || !isRecord(body.suggestedMapping)) {
    throw unexpected();
  }
  return {
    headers: body.headers.map((header) => (typeof header === 'string' ? header : '')),
    sampleRows: Array.isArray(body.sampleRows)
      ? body.sampleRows.filter(Array.isArray).map((row: unknown[]) => row.map((cell) => (typeof cell === 'string' ? cell : '')))
      : [],
    suggestedMapping: parseMapping(body.suggestedMapping),
    encoding: stringOr(body.encoding, ''),
    delimiter: stringOr(body.delimiter, ','),
  };
}

/** Resolves to the import's id; the import then runs in the background (see getImport). */
export async function startImport(file: File, mapping: ColumnMapping): Promise<string> {
  const form = new FormData();
  form.append('file', file, file.name);
  form.append('mapping', JSON.stringify(mapping));
  form.append('consent', 'true');
  const body = await apiPostForm<unknown>('/clients/import', form, { timeoutMs: UPLOAD_TIMEOUT_MS });
  if (!isRecord(body) || typeof body.id !== 'string') {
    throw unexpected();
  }
  return body.id;
}

export async function getImport(id: string, options: Signal = {}): Promise<ClientImport> {
  const body = await apiGet<unknown>(importPath(id), options);
  if (!isRecord(body) || typeof body.id !== 'string' || !isImportStatus(body.status)) {
    throw unexpected();
  }
  return {
    id: body.id,
    fileName: stringOr(body.fileName, ''),
    status: body.status,
    totalRows: typeof body.totalRows === 'number' ? body.totalRows : null,
    processedRows: numberOr(body.processedRows, 0),
    created: numberOr(body.created, 0),
    skipped: numberOr(body.skipped, 0),
    rejected: numberOr(body.rejected, 0),
    rejectedRows: reportedRows(body.rejectedRows),
    skippedRows: reportedRows(body.skippedRows),
    importedWithoutMobileRows: reportedRows(body.importedWithoutMobileRows),
    createdAt: stringOr(body.createdAt, ''),
    completedAt: stringOrNull(body.completedAt),
    error: stringOrNull(body.error),
  };
}

function reportedRows(value: unknown): RejectedRow[] {
  return Array.isArray(value)
    ? value.filter(isRecord).map((row) => ({ line: numberOr(row.line, 0), name: stringOr(row.name, ''), reason: stringOr(row.reason, '') }))
    : [];
}

/** A plain link: the browser sends the session cookie and saves the file. */
export function rejectedRowsUrl(importId: string): string {
  return `${API_BASE_PATH}${importPath(importId)}/rejected.csv`;
}

export async function getDataSummary(options: Signal = {}): Promise<DataSummary> {
  return parseDataSummary(await apiGet<unknown>('/data-summary', options));
}

export function parseDataSummary(body: unknown): DataSummary {
  if (!isRecord(body) || !Array.isArray(body.categories)) {
    throw unexpected();
  }
  return {
    categories: body.categories.filter(isRecord).map((category) => ({
      key: stringOr(category.key, ''),
      name: stringOr(category.name, ''),
      description: stringOr(category.description, ''),
      count: typeof category.count === 'number' ? category.count : null,
      retention: stringOr(category.retention, ''),
    })),
    generatedAt: stringOr(body.generatedAt, ''),
  };
}

export function exportUrl(format: ExportFormat): string {
  return `${API_BASE_PATH}/export?format=${format}`;
}

export function parseClient(body: unknown): Client {
  if (!isRecord(body) || typeof body.id !== 'string' || typeof body.name !== 'string') {
    throw unexpected();
  }
  return {
    id: body.id,
    name: body.name,
    mobile: stringOrNull(body.mobile),
    mobileDisplay: stringOrNull(body.mobileDisplay),
    mobileProblem: stringOrNull(body.mobileProblem),
    email: stringOrNull(body.email),
    status: isClientStatus(body.status) ? body.status : 'active',
    emailOptedOut: body.emailOptedOut === true,
    duplicates: Array.isArray(body.duplicates) ? body.duplicates.filter((id): id is string => typeof id === 'string') : [],
    createdAt: stringOr(body.createdAt, ''),
    updatedAt: stringOr(body.updatedAt, ''),
  };
}

function parseMapping(body: Record<string, unknown>): ColumnMapping {
  const name = Array.isArray(body.name) ? body.name.filter(isColumn) : isColumn(body.name) ? [body.name] : [];
  return { name, mobile: isColumn(body.mobile) ? body.mobile : null, email: isColumn(body.email) ? body.email : null };
}

/** Blank contact details go as null, so "no email" is not mistaken for an invalid one. */
function detailsBody({ name, mobile, email }: ClientDetails) {
  return { name: name.trim(), mobile: blankToNull(mobile), email: blankToNull(email) };
}

function clientPath(id: string): string {
  return `/clients/${encodeURIComponent(id)}`;
}

function importPath(id: string): string {
  return `/clients/import/${encodeURIComponent(id)}`;
}

function isClientStatus(value: unknown): value is ClientStatus {
  return value === 'active' || value === 'restricted' || value === 'opted-out' || value === 'anonymised';
}

function isImportStatus(value: unknown): value is ImportStatus {
  return value === 'queued' || value === 'running' || value === 'completed' || value === 'failed';
}

function isColumn(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
