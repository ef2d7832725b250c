// The office's line formats on the meeting screens (plain TypeScript, tested in e2e/meetings.test.ts).

/** Participants, one per line: 姓名｜职务｜单位｜列席 or 组成人员 (default 列席). */
export function parseParticipantLines(text: string) {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [name = '', title = '', unit = '', role = ''] = l.split(/[|｜]/).map((x) => x.trim());
      return { name, title, unit: unit || null, role: role === '组成人员' ? 'member' : 'attendee' };
    });
}

/** Decisions, one per line: 事项｜牵头单位｜配合单位（、分隔）｜时限 YYYY-MM-DD */
export function parseDecisionLines(text: string) {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [what = '', lead = '', supports = '', dueOn = ''] = l.split(/[|｜]/).map((x) => x.trim());
      return {
        text: what,
        lead,
        supports: supports
          ? supports
              .split(/[、,，]/)
              .map((x) => x.trim())
              .filter(Boolean)
          : [],
        dueOn: dueOn || null,
      };
    });
}
