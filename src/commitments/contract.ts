// The `luoshi extract --json` contract. Pure. Keys required by the contract come first in each record;
// the extra keys (line, citation, source …) are provenance and detail for the review UI.
import type { Commitments } from './types.ts';

export function toExtractJson(c: Commitments) {
  return {
    orgs: c.orgs.map((o) => ({
      name: o.name,
      aliases: o.aliases,
      kind: o.kind,
      ...(o.members ? { members: o.members } : {}),
      ...(o.note ? { note: o.note } : {}),
    })),
    tasks: c.tasks.map((t) => ({
      docNumber: t.docNumber,
      eId: t.eId,
      title: t.title,
      text: t.text,
      lead: t.lead,
      support: t.support,
      due: t.due,
      line: t.line,
      citation: t.citation,
      source: t.source,
      dueText: t.dueText,
      persons: t.persons,
      status: t.status,
      assignment: t.assignment,
    })),
    targets: c.targets.map((t) => ({
      docNumber: t.docNumber,
      eId: t.eId,
      name: t.name,
      unit: t.unit,
      baseline: t.baseline,
      target: t.target,
      attribute: t.attribute,
      direction: t.direction,
      line: t.line,
      citation: t.citation,
      reference: t.reference,
      scale: t.scale,
      source: t.source,
    })),
    groups: c.groups.map((g) => ({
      name: g.name,
      leader: g.leader,
      deputies: g.deputies,
      members: g.members,
      office: g.office,
      docNumber: g.docNumber,
      eId: g.eId,
      line: g.line,
      kind: g.kind,
      subgroups: g.subgroups,
    })),
    phases: c.phases.map((p) => ({
      docNumber: p.docNumber,
      name: p.name,
      start: p.start,
      end: p.end,
      eId: p.eId,
      line: p.line,
      period: p.period,
    })),
    projects: c.projects.map((p) => ({
      name: p.name,
      owner: p.owner,
      fundingWan: p.fundingWan,
      years: p.years,
      docNumber: p.docNumber,
      eId: p.eId,
      line: p.line,
    })),
    findings: c.findings,
    review: c.review,
  };
}

export type ExtractJson = ReturnType<typeof toExtractJson>;
