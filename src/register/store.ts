// The 发文字号 register in the database. The only file of src/register that touches Kysely.
//
// peekNext reads (writes nothing); assignNumber reserves the next serial in one transaction together with its
// audit record. No gap, no duplicate under concurrent requests:
//   - PostgreSQL: a transaction-scoped advisory lock per (tenant, agency, year) serialises assignments, so the
//     max read after taking it sees every committed assignment;
//   - SQLite: one writer at a time (the connection is shared within a process; across processes BEGIN
//     IMMEDIATE-like serialisation comes from the write lock and busy_timeout);
//   - in both, the unique constraint (tenant, agency, year, serial) refuses a duplicate, and the assignment is
//     retried with a fresh max — a retry never skips a number, because the max is re-read.
import { type Kysely, sql } from 'kysely';
import { type AuditActor, recordAudit } from '../access/audit.ts';
import { isUniqueViolation } from '../access/db.ts';
import type { Actor } from '../access/roles.ts';
import { parseIsoDate } from '../calendar/dates.ts';
import type { Db } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import type { Database } from '../platform/schema.ts';
import {
  type Agency,
  type AssignInput,
  configuredAgencies,
  DISCLOSURE_NOTES,
  formatDocNumber,
  nextSerial,
  unknownAgency,
} from './numbers.ts';
import type { RegisterDisclosure, RegisterTables } from './schema.ts';

type RegisterDb = Kysely<RegisterTables & Pick<Database, 'documents'>>;

function rdb(target: Db | Kysely<Database>): RegisterDb {
  return ('location' in target ? target.db : target) as unknown as RegisterDb;
}

export interface KnownAgency extends Agency {
  /** Where the code is known from. */
  source: 'configured' | 'documents' | 'register';
}

/** Configured agency codes, then those of imported documents and of the register (issuer from the latest). */
export async function knownAgencies(target: Db, tenant: string): Promise<KnownAgency[]> {
  const db = rdb(target);
  const out: KnownAgency[] = configuredAgencies(tenant).map((a) => ({ ...a, source: 'configured' }));
  const docs = await db
    .selectFrom('documents')
    .select(['agency', 'issuer'])
    .where('tenant', '=', tenant)
    .orderBy('id', 'desc')
    .execute();
  for (const d of docs) {
    if (!out.some((a) => a.code === d.agency)) out.push({ code: d.agency, issuer: d.issuer, source: 'documents' });
  }
  const issued = await db
    .selectFrom('issued_documents')
    .select(['agency', 'issuer'])
    .where('tenant', '=', tenant)
    .orderBy('id', 'desc')
    .execute();
  for (const d of issued) {
    if (!out.some((a) => a.code === d.agency)) out.push({ code: d.agency, issuer: d.issuer, source: 'register' });
  }
  return out;
}

async function requireAgency(target: Db, tenant: string, code: string): Promise<KnownAgency> {
  const known = await knownAgencies(target, tenant);
  const agency = known.find((a) => a.code === code);
  if (!agency) throw unknownAgency(code, known);
  return agency;
}

async function usedSerials(db: RegisterDb, tenant: string, agency: string, year: number): Promise<number[]> {
  const [imported, issued] = await Promise.all([
    db
      .selectFrom('documents')
      .select((eb) => eb.fn.max('serial').as('max'))
      .where('tenant', '=', tenant)
      .where('agency', '=', agency)
      .where('year', '=', year)
      .executeTakeFirst(),
    db
      .selectFrom('issued_documents')
      .select((eb) => eb.fn.max('serial').as('max'))
      .where('tenant', '=', tenant)
      .where('agency', '=', agency)
      .where('year', '=', year)
      .executeTakeFirst(),
  ]);
  return [Number(imported?.max ?? 0), Number(issued?.max ?? 0)];
}

export interface NextNumber {
  agency: string;
  year: number;
  serial: number;
  docNumber: string;
}

/** The next free 发文字号 of an agency and year. Writes nothing. */
export async function peekNext(target: Db, tenant: string, agency: string, year: number): Promise<NextNumber> {
  await requireAgency(target, tenant, agency);
  const serial = nextSerial(await usedSerials(rdb(target), tenant, agency, year));
  return { agency, year, serial, docNumber: formatDocNumber(agency, year, serial) };
}

export interface IssuedDocument {
  id: number;
  agency: string;
  year: number;
  serial: number;
  docNumber: string;
  title: string;
  issuer: string;
  signedOn: string;
  disclosure: RegisterDisclosure;
  disclosureNote: string;
  assignedAt: string;
  assignedBy: string;
}

const MAX_ATTEMPTS = 8;

/** Reserve the next 发文字号 for a document. One transaction with its audit record; nothing written on error. */
export async function assignNumber(
  target: Db,
  tenant: string,
  input: AssignInput,
  actor: Actor | AuditActor,
  now: Date = new Date(),
): Promise<IssuedDocument> {
  const agency = await requireAgency(target, tenant, input.agency);
  const date = parseIsoDate(input.signedOn);
  if (!date.ok) {
    throw new AppError('BAD_INPUT', `成文日期“${input.signedOn}”无效：${date.reason}。`, { field: 'signedOn' });
  }
  const issuer = input.issuer ?? agency.issuer;
  if (issuer !== agency.issuer) {
    throw new AppError(
      'BAD_INPUT',
      `发文机关“${issuer}”与代字“${agency.code}”不符：${agency.code} 的发文机关是 ${agency.issuer}。`,
      { field: 'issuer' },
    );
  }
  const actorName = 'displayName' in actor ? (actor.username ?? actor.displayName) : actor.name;
  for (let attempt = 1; ; attempt++) {
    try {
      return await target.db.transaction().execute(async (trx) => {
        const db = trx as unknown as RegisterDb;
        if (target.dialect === 'postgres') {
          await sql`SELECT pg_advisory_xact_lock(hashtext(${`register:${tenant}:${input.agency}:${input.year}`}))`.execute(
            trx,
          );
        }
        const serial = nextSerial(await usedSerials(db, tenant, input.agency, input.year));
        const row = {
          tenant,
          agency: input.agency,
          year: input.year,
          serial,
          doc_number: formatDocNumber(input.agency, input.year, serial),
          title: input.title,
          issuer,
          signed_on: input.signedOn,
          disclosure: input.disclosure,
          disclosure_note: DISCLOSURE_NOTES[input.disclosure],
          assigned_at: now.toISOString(),
          assigned_by: actorName,
        };
        const inserted = await db.insertInto('issued_documents').values(row).returning('id').executeTakeFirstOrThrow();
        const issued = toIssued({ ...row, id: inserted.id });
        await recordAudit(trx, {
          tenant,
          actor,
          action: 'docnumber:assign',
          entity: 'issued_document',
          entityId: inserted.id,
          after: { docNumber: issued.docNumber, title: issued.title, disclosure: issued.disclosure },
          at: now,
        });
        return issued;
      });
    } catch (e) {
      if (isUniqueViolation(e) && attempt < MAX_ATTEMPTS) continue;
      if (isSqliteBusy(e) && attempt < MAX_ATTEMPTS) continue;
      if (isUniqueViolation(e)) {
        throw new AppError('CONFLICT', `${input.agency}〔${input.year}〕的发文字号正被同时分配，请重试。`, {
          field: 'agency',
        });
      }
      throw e;
    }
  }
}

function isSqliteBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT';
}

function toIssued(r: {
  id: number;
  agency: string;
  year: number;
  serial: number;
  doc_number: string;
  title: string;
  issuer: string;
  signed_on: string;
  disclosure: RegisterDisclosure;
  disclosure_note: string;
  assigned_at: string;
  assigned_by: string;
}): IssuedDocument {
  return {
    id: Number(r.id),
    agency: r.agency,
    year: Number(r.year),
    serial: Number(r.serial),
    docNumber: r.doc_number,
    title: r.title,
    issuer: r.issuer,
    signedOn: r.signed_on,
    disclosure: r.disclosure,
    disclosureNote: r.disclosure_note,
    assignedAt: r.assigned_at,
    assignedBy: r.assigned_by,
  };
}

/** One line of the register as shown: a number assigned here, or a document printed in an imported gazette. */
export interface RegisterEntry {
  agency: string;
  year: number;
  serial: number;
  docNumber: string;
  title: string;
  issuer: string;
  signedOn: string | null;
  /** 附注 as stored: the register's three values, or the gazette parser's public / partial / restricted. */
  disclosure: string;
  source: 'register' | 'gazette';
  /** The register row id or the document id. */
  id: number;
  assignedBy: string | null;
  /** The imported document carrying this number, once the gazette that prints it is imported. */
  documentId: number | null;
}

export interface RegisterFilter {
  agency?: string;
  year?: number;
}

/** Every number known for the filter, ordered by agency, year and serial (newest year first). */
export async function listRegister(target: Db, tenant: string, filter: RegisterFilter = {}): Promise<RegisterEntry[]> {
  const db = rdb(target);
  let issuedQ = db.selectFrom('issued_documents').selectAll().where('tenant', '=', tenant);
  let docsQ = db
    .selectFrom('documents')
    .select(['id', 'agency', 'year', 'serial', 'doc_number', 'title', 'issuer', 'signed_on', 'disclosure'])
    .where('tenant', '=', tenant);
  if (filter.agency) {
    issuedQ = issuedQ.where('agency', '=', filter.agency);
    docsQ = docsQ.where('agency', '=', filter.agency);
  }
  if (filter.year !== undefined) {
    issuedQ = issuedQ.where('year', '=', filter.year);
    docsQ = docsQ.where('year', '=', filter.year);
  }
  const [issued, docs] = await Promise.all([issuedQ.execute(), docsQ.execute()]);
  const out: RegisterEntry[] = [
    ...issued.map((r) => {
      const i = toIssued(r);
      return {
        agency: i.agency,
        year: i.year,
        serial: i.serial,
        docNumber: i.docNumber,
        title: i.title,
        issuer: i.issuer,
        signedOn: i.signedOn,
        disclosure: i.disclosure,
        source: 'register' as const,
        id: i.id,
        assignedBy: i.assignedBy,
        documentId: docs.find((d) => d.doc_number === i.docNumber)?.id ?? null,
      };
    }),
    ...docs
      .filter((d) => !issued.some((r) => r.doc_number === d.doc_number))
      .map((d) => ({
        agency: d.agency,
        year: Number(d.year),
        serial: Number(d.serial),
        docNumber: d.doc_number,
        title: d.title,
        issuer: d.issuer,
        signedOn: d.signed_on,
        disclosure: d.disclosure,
        source: 'gazette' as const,
        id: Number(d.id),
        assignedBy: null,
        documentId: Number(d.id),
      })),
  ];
  out.sort((a, b) => a.agency.localeCompare(b.agency, 'zh') || b.year - a.year || a.serial - b.serial);
  return out;
}

/** Issued documents of the register signed in a period (for the gazette compiler). */
export async function issuedBetween(target: Db, tenant: string, from: string, to: string): Promise<IssuedDocument[]> {
  const rows = await rdb(target)
    .selectFrom('issued_documents')
    .selectAll()
    .where('tenant', '=', tenant)
    .where('signed_on', '>=', from)
    .where('signed_on', '<=', to)
    .orderBy('signed_on')
    .orderBy('id')
    .execute();
  return rows.map(toIssued);
}
