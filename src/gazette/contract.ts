// Shapes of the gazette for outside consumers (the `luoshi parse --json` contract) and the rule for
// which findings make a file unusable. Pure.
import type { Finding, GazetteIssue } from './types.ts';

export interface ParseJson {
  issue: {
    title: string;
    year: number;
    number: number;
    publishedOn: string | null;
    publisher: string | null;
    editor: string | null;
    editorialBoard: { role: string; names: string[] }[];
    notes: string[];
    toc: { title: string; issuer: string; page: number; section: string | null }[];
  };
  documents: {
    docNumber: string;
    agency: string;
    year: number;
    serial: number;
    issuer: string;
    title: string;
    addressees: string[];
    signedOn: string | null;
    disclosure: string;
    forwarded: string[];
    tocPage: number | null;
    attachments: { title: string; label: string | null; number: number | null; role: string }[];
  }[];
  findings: { kind: string; severity: string; message: string; line: number; docNumber: string | null }[];
}

export function toParseJson(issue: GazetteIssue): ParseJson {
  return {
    issue: {
      title: issue.title,
      year: issue.year,
      number: issue.number,
      publishedOn: issue.publishedOn,
      publisher: issue.publisher,
      editor: issue.editor,
      editorialBoard: issue.editorialBoard,
      notes: issue.notes,
      toc: issue.toc.map((e) => ({ title: e.title, issuer: e.issuer, page: e.page, section: e.section })),
    },
    documents: issue.documents.map((d) => ({
      docNumber: d.docNumber.text,
      agency: d.docNumber.agency,
      year: d.docNumber.year,
      serial: d.docNumber.serial,
      issuer: d.issuer,
      title: d.title,
      addressees: d.addressees,
      signedOn: d.signedOn,
      disclosure: d.disclosure,
      forwarded: d.forwarded.map((f) => f.text),
      tocPage: d.tocPage,
      attachments: d.attachments.map((a) => ({ title: a.title, label: a.label, number: a.number, role: a.role })),
    })),
    findings: issue.findings.map((f) => ({
      kind: f.kind,
      severity: f.severity,
      message: f.message,
      line: f.line,
      docNumber: f.docNumber,
    })),
  };
}

/** Findings that make a file unfit for import: no document found, a truncated notice, a duplicate number. */
export function fatalFindings(issue: GazetteIssue): Finding[] {
  return issue.findings.filter((f) => f.severity === 'error');
}
